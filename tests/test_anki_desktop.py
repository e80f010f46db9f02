"""The real Anki desktop app (aqt under Xvfb) shows our cards, in light and night mode."""
import shutil
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Debian's xvfb (make test installs it)")
def test_reviewer_shows_cards_in_light_and_night_mode(tmp_path):
    from PIL import Image, ImageStat
    from screenshots import CARDS, take

    shots = [{"name": "light", "card": CARDS["formula"], "night": False, "width": 900, "height": 700},
             {"name": "night", "card": CARDS["code"], "night": True, "width": 390, "height": 800}]
    light, night = take(shots, tmp_path)
    for path, dark in ((light, False), (night, True)):
        image = Image.open(path).convert("L")
        stats = ImageStat.Stat(image)
        assert stats.stddev[0] > 20, f"{path.name} looks blank"
        assert (stats.mean[0] < 110) == dark, f"{path.name}: mean brightness {stats.mean[0]:.0f}"
    assert Image.open(night).width <= 400  # phone width
