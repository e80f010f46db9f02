// Typeset formulas with MathJax 3.2.2 (the engine Anki ships), TeX packages as Anki loads them.
// Reads {"measure": bool, "formulas": [{"tex": ..., "display": bool}, ...]} as JSON on stdin and prints
// [{"error": message or null, "width": width in ex or null}, ...]. noerrors and noundefined stay off
// here so that every failure surfaces. Widths come from MathJax's own font metrics, so they are the
// same on every machine.
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
require('mathjax-full/js/input/tex/AllPackages.js');

// Anki: base + action ams autoload configmacros mathtools mhchem newcommand require;
// autoload makes these available on first use as well.
const packages = ['base', 'action', 'ams', 'configmacros', 'mathtools', 'mhchem', 'newcommand', 'require',
  'amscd', 'bbox', 'boldsymbol', 'braket', 'bussproofs', 'cancel', 'cases', 'centernot', 'color', 'colortbl',
  'empheq', 'enclose', 'extpfeil', 'gensymb', 'html', 'upgreek', 'unicode', 'verb'];
const X_HEIGHT = 0.442;  // of MathJax's TeX font, in em

// mhchem slows every parse by a third, and only \ce, \pu and its arrows need it: formulas without them
// are parsed by an engine without it, with the same result.
const MHCHEM = /\\(ce|cee|cf|pu|bond|long[A-Za-z]*harpoons)(?![A-Za-z])/;

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const svg = new SVG({fontCache: 'none'});
function engine(list) {
  const tex = new TeX({packages: list, formatError: (jax, error) => { throw error; }});
  return {tex, doc: mathjax.document('', {InputJax: tex, OutputJax: svg})};
}
const full = engine(packages);
const light = engine(packages.filter((name) => name !== 'mhchem'));

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const {measure, formulas} = JSON.parse(input);
  const results = formulas.map(({tex: source, display}) => {
    const {tex, doc} = MHCHEM.test(source) ? full : light;
    try {
      const math = new doc.options.MathItem(source, tex, display);
      math.setMetrics(16, 8, 1000000, 1000000, 1);
      math.compile(doc);
      const width = measure ? svg.getBBox(math, doc).w / X_HEIGHT : null;
      return {error: null, width};
    } catch (error) {
      return {error: String(error.message || error), width: null};
    }
  });
  process.stdout.write(JSON.stringify(results));
});
