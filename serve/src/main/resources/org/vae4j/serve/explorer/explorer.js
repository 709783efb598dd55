// The vae4j explorer: talks only to the server that served it (same origin), through its JSON API.
'use strict';

const SLIDERS = 8;      // latent dimensions given a slider; the others stay at the prior mean 0
const RANGE = 3;        // sliders and the map span [-RANGE, RANGE] standard deviations
const GRID = 12;        // the map's background is a GRID x GRID manifold of decoded images

const state = { info: null, z: [], label: 0, examples: null, pick: [] };
const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem('vae4j-token'); }

async function api(path, body) {
  const headers = {};
  if (token()) headers.Authorization = 'Bearer ' + token();
  const init = body === undefined ? { headers } : {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const r = await fetch(path, init);
  const answer = await r.json();
  if (r.status === 401) $('token-form').hidden = false;
  if (!r.ok) throw new Error(path + ': ' + (answer.error || r.status));
  return answer;
}

function report(error) { $('status').textContent = error ? String(error.message || error) : ''; }

/** Draws one image (rows of grey levels in [0, 1]) onto a canvas at the model's size. */
function paint(canvas, pixels) {
  const { rows, cols } = state.info;
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const v = Math.round(Math.max(0, Math.min(1, pixels[i])) * 255);
    img.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}

function thumb(pixels, cls) {
  const c = document.createElement('canvas');
  c.className = cls;
  paint(c, pixels);
  return c;
}

function withLabels(body, n) {
  if (state.info.conditional) body.labels = new Array(n).fill(state.label);
  return body;
}

// ---- sliders and live decoding ------------------------------------------------------------------------

let decoding = false;
let pending = false;

/** Decodes state.z into the slider view and the map view; at most one request in flight, the last wins. */
async function decodeLive() {
  if (decoding) { pending = true; return; }
  decoding = true;
  try {
    const r = await api('/decode', withLabels({ latents: [state.z] }, 1));
    paint($('slider-output'), r.images[0]);
    if (!$('map-section').hidden) { paint($('map-output'), r.images[0]); drawMap(); }
    report(null);
  } catch (e) { report(e); }
  decoding = false;
  if (pending) { pending = false; decodeLive(); }
}

function buildSliders(dims) {
  const box = $('sliders');
  const shown = Math.min(SLIDERS, dims);
  $('slider-count').textContent = shown === dims ? dims : shown + ' of ' + dims;
  for (let d = 0; d < shown; d++) {
    const name = document.createElement('label');
    name.textContent = 'z' + (d + 1);
    const input = document.createElement('input');
    Object.assign(input, { type: 'range', min: -RANGE, max: RANGE, step: 0.05, value: 0, id: 'z' + d });
    const value = document.createElement('output');
    value.textContent = '0.00';
    input.addEventListener('input', () => {
      state.z[d] = Number(input.value);
      value.textContent = state.z[d].toFixed(2);
      decodeLive();
    });
    box.append(name, input, value);
  }
}

function setZ(z) {
  z.forEach((v, d) => {
    state.z[d] = v;
    const input = $('z' + d);
    if (input) { input.value = v; input.nextElementSibling.textContent = v.toFixed(2); }
  });
  decodeLive();
}

// ---- the 2-D map --------------------------------------------------------------------------------------

let manifold = null;   // GRID * GRID decoded images, row 0 at the top (z2 = +RANGE)
let dots = [];         // the test images' codes

async function buildMap() {
  const latents = [];
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      latents.push([-RANGE + (2 * RANGE) * (c + 0.5) / GRID, RANGE - (2 * RANGE) * (r + 0.5) / GRID]);
    }
  }
  manifold = (await api('/decode', withLabels({ latents }, latents.length))).images;
  if (state.examples && state.examples.images.length) {
    const body = { images: state.examples.images };
    if (state.info.conditional) body.labels = state.examples.labels;
    dots = (await api('/encode', body)).mean.map((m, i) => ({ z: m, label: state.examples.labels[i] }));
  }
  drawMap();
}

function toMap(v, size) { return (v + RANGE) / (2 * RANGE) * size; }

function drawMap() {
  const canvas = $('map');
  const ctx = canvas.getContext('2d');
  const { rows, cols } = state.info;
  const cell = canvas.width / GRID;
  if (manifold) {
    const tile = document.createElement('canvas');
    manifold.forEach((pixels, i) => {
      paint(tile, pixels);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(tile, 0, 0, cols, rows, (i % GRID) * cell, Math.floor(i / GRID) * cell, cell, cell);
    });
  }
  const palette = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6',
    '#bcf60c', '#fabebe'];
  for (const d of dots) {
    ctx.fillStyle = palette[d.label % palette.length];
    ctx.beginPath();
    ctx.arc(toMap(d.z[0], canvas.width), canvas.height - toMap(d.z[1], canvas.height), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
  const x = toMap(state.z[0], canvas.width);
  const y = canvas.height - toMap(state.z[1], canvas.height);
  ctx.strokeStyle = '#ff0';
  ctx.lineWidth = 2;
  ctx.strokeRect(x - 6, y - 6, 12, 12);
}

function clickMap(event) {
  const canvas = $('map');
  const rect = canvas.getBoundingClientRect();
  const fx = (event.clientX - rect.left) / rect.width;
  const fy = (event.clientY - rect.top) / rect.height;
  setZ([-RANGE + 2 * RANGE * fx, RANGE - 2 * RANGE * fy]);
}

// ---- drawing and uploading ----------------------------------------------------------------------------

function setupPad() {
  const pad = $('pad');
  const ctx = pad.getContext('2d');
  const clear = () => { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, pad.width, pad.height); };
  clear();
  let drawing = false;
  const at = (e) => {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  };
  pad.addEventListener('pointerdown', (e) => { drawing = true; ctx.beginPath(); ctx.moveTo(...at(e)); });
  pad.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    Object.assign(ctx, { strokeStyle: '#fff', lineWidth: 22, lineCap: 'round', lineJoin: 'round' });
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  const end = () => { if (drawing) { drawing = false; analyse(); } };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointerleave', end);
  $('clear').addEventListener('click', () => { clear(); analyse(); });
  $('upload').addEventListener('change', () => {
    const file = $('upload').files[0];
    if (!file) return;
    const img = new Image();
    img.onload = () => {
      clear();
      const s = Math.min(pad.width / img.width, pad.height / img.height);
      ctx.drawImage(img, (pad.width - img.width * s) / 2, (pad.height - img.height * s) / 2, img.width * s,
        img.height * s);
      URL.revokeObjectURL(img.src);
      analyse();
    };
    img.onerror = () => report(new Error('that file is not an image the browser can read'));
    img.src = URL.createObjectURL(file);
  });
}

/** The pad scaled to the model's size, as grey levels in [0, 1]. */
function padPixels() {
  const { rows, cols } = state.info;
  const small = document.createElement('canvas');
  small.width = cols;
  small.height = rows;
  const ctx = small.getContext('2d');
  ctx.drawImage($('pad'), 0, 0, cols, rows);
  const data = ctx.getImageData(0, 0, cols, rows).data;
  const pixels = new Array(rows * cols);
  for (let i = 0; i < rows * cols; i++) {
    pixels[i] = Math.round((data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3) / 255;
  }
  return pixels;
}

async function analyse() {
  const x = padPixels();
  paint($('drawn-input'), x);
  const ops = state.info.operations;
  try {
    if (ops.includes('/predict')) {
      showPrediction(await api('/predict', { images: [x], samples: 20 }));
      return;
    }
    const body = withLabels({ images: [x] }, 1);
    const [rec, enc, score] = await Promise.all([api('/reconstruct', body), api('/encode', body),
      api('/score', { ...body, k: 100 })]);
    paint($('drawn-recon'), rec.images[0]);
    showCode(enc);
    showScore(score);
    report(null);
  } catch (e) { report(e); }
}

function showCode(enc) {
  const box = $('code');
  box.replaceChildren();
  if (enc.codes) {
    const { height, width } = state.info.latent;
    const table = document.createElement('table');
    for (let r = 0; r < height; r++) {
      const tr = table.insertRow();
      for (let c = 0; c < width; c++) tr.insertCell().textContent = enc.codes[0][r * width + c];
    }
    box.append(table);
    return;
  }
  enc.mean[0].forEach((m, d) => {
    const line = document.createElement('div');
    const sd = Math.exp(0.5 * enc.logVariance[0][d]);
    line.textContent = 'z' + (d + 1) + ' = ' + m.toFixed(2) + ' \u00b1 ' + sd.toFixed(2);
    box.append(line);
  });
}

function showScore(score) {
  const dl = $('score');
  dl.replaceChildren();
  const add = (name, value) => {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  };
  add('negative ELBO', score.negativeElbo[0].toFixed(1) + ' nats');
  if (score.logLikelihood) add('log p(x), k = ' + score.k, score.logLikelihood[0].toFixed(1) + ' nats');
}

function showPrediction(p) {
  $('code-title').textContent = 'predicted class';
  $('score-title').textContent = 'predictive entropy';
  const box = $('code');
  box.replaceChildren();
  p.mean[0].forEach((m, k) => {
    const line = document.createElement('div');
    line.className = 'bar';
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.width = Math.round(120 * m) + 'px';
    const text = document.createElement('span');
    text.textContent = k + ': ' + m.toFixed(2) + ' \u00b1 ' + p.std[0][k].toFixed(2);
    line.append(text, fill);
    box.append(line);
  });
  const dl = $('score');
  dl.replaceChildren();
  const dd = document.createElement('dd');
  dd.textContent = p.entropy[0].toFixed(3) + ' nats (class ' + p.predicted[0] + ')';
  dl.append(dd);
}

// ---- interpolation and samples ------------------------------------------------------------------------

function buildExamples() {
  const box = $('examples');
  state.examples.images.forEach((pixels, i) => {
    const c = thumb(pixels, 'small');
    c.id = 'example-' + i;
    c.title = 'test image ' + i + ', label ' + state.examples.labels[i];
    c.addEventListener('click', () => pickExample(i));
    box.append(c);
  });
}

async function pickExample(i) {
  state.pick = state.pick.length >= 2 ? [i] : [...state.pick, i];
  document.querySelectorAll('#examples canvas').forEach((c, j) => {
    c.classList.toggle('from', j === state.pick[0]);
    c.classList.toggle('to', state.pick.length === 2 && j === state.pick[1]);
  });
  if (state.pick.length < 2) return;
  const body = { from: state.examples.images[state.pick[0]], to: state.examples.images[state.pick[1]], steps: 10 };
  if (state.info.conditional) body.label = state.examples.labels[state.pick[0]];
  try {
    const r = await api('/interpolate', body);
    $('interpolation').replaceChildren(...r.images.map((p) => thumb(p, 'thumb')));
    report(null);
  } catch (e) { report(e); }
}

async function drawSamples() {
  const seed = Math.floor(Math.random() * 1e9);
  $('sample-seed').textContent = 'seed ' + seed;
  try {
    const r = await api('/sample', { n: 16, seed });
    $('samples').replaceChildren(...r.images.map((p) => thumb(p, 'thumb')));
    report(null);
  } catch (e) { report(e); }
}

// ---- start --------------------------------------------------------------------------------------------

async function start() {
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('vae4j-token', $('token').value);
    location.reload();
  });
  let info;
  try {
    info = await api('/info');
  } catch (e) { report(e); return; }
  state.info = info;
  $('model').textContent = info.description + ' (' + info.kind + ') on the ' + info.backend + ' backend';
  state.examples = await api('/examples');
  const ops = info.operations;
  const dims = info.latent.dimensions;
  if (info.conditional) {
    const select = $('label');
    for (let k = 0; k < info.classes; k++) select.add(new Option(String(k), String(k)));
    select.addEventListener('change', () => { state.label = Number(select.value); decodeLive(); buildMap(); });
    $('label-picker').hidden = false;
  }
  if (dims > 0 && ops.includes('/decode')) {
    state.z = new Array(dims).fill(0);
    buildSliders(dims);
    $('sliders-section').hidden = false;
    if (dims === 2) {
      $('map-section').hidden = false;
      $('map').addEventListener('click', clickMap);
      await buildMap();
    }
    await decodeLive();
  }
  if (ops.includes('/reconstruct') || ops.includes('/predict')) {
    $('draw-section').hidden = false;
    $('recon-box').hidden = !ops.includes('/reconstruct');
    setupPad();
  }
  if (ops.includes('/interpolate') && state.examples.images.length >= 2) {
    $('interp-section').hidden = false;
    buildExamples();
    await pickExample(0);
    await pickExample(1);
  }
  if (ops.includes('/sample')) {
    $('sample-section').hidden = false;
    $('draw-samples').addEventListener('click', drawSamples);
    await drawSamples();
  }
  document.body.dataset.ready = 'true';
}

start();
