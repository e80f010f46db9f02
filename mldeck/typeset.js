// Typeset formulas with MathJax 3.2.2 (the engine Anki ships), TeX packages as Anki loads them.
// Reads [{"tex": ..., "display": bool}, ...] as JSON on stdin; prints [{"error": message or null,
// "width": width in ex}, ...]. noerrors and noundefined stay off here so that every failure surfaces.
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

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const tex = new TeX({packages, formatError: (jax, error) => { throw error; }});
const doc = mathjax.document('', {InputJax: tex, OutputJax: new SVG({fontCache: 'none'})});

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const results = JSON.parse(input).map(({tex: source, display}) => {
    try {
      const node = doc.convert(source, {display});
      const html = adaptor.outerHTML(node);
      if (html.includes('merror') || html.includes('data-mjx-error')) {
        return {error: 'MathJax error element in output', width: 0};
      }
      // MathJax's own font metrics fix the width in ex, whatever fonts the machine has.
      return {error: null, width: parseFloat(adaptor.getAttribute(adaptor.firstChild(node), 'width'))};
    } catch (error) {
      return {error: String(error.message || error), width: 0};
    }
  });
  process.stdout.write(JSON.stringify(results));
});
