// Loads the app's wasm. Trunk writes the (hashed) file names into the script
// tag's data attributes (Trunk.toml, pattern_script); keeping this in a file
// rather than an inline script lets the CSP forbid inline scripts.
const tag = document.querySelector('script[data-app-js]');
try {
  const base = document.baseURI;
  const { default: init } = await import(new URL(tag.dataset.appJs, base).href);
  await init({ module_or_path: new URL(tag.dataset.appWasm, base) });
} catch (err) {
  const note = document.getElementById('boot') || document.body.appendChild(document.createElement('p'));
  note.className = 'boot error';
  note.textContent = 'The app could not start (' + err + '). A browser from 2021 or later is needed. / '
    + 'Aplikasi tidak dapat dimulai. Diperlukan peramban tahun 2021 atau lebih baru.';
  throw err;
}
