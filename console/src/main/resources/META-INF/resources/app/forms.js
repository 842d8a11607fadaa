// Forms shared by several screens: a note with photos, a reason.
import { upload } from './api.js';
import { h, field } from './ui.js';

/** a photo input (camera on a phone); returns {control, files()} where files() uploads and answers evidence */
export function photoInput(id, label = '照片') {
  const input = h('input', { type: 'file', accept: 'image/*', capture: 'environment', multiple: true, id, name: id });
  const preview = h('div.thumbs');
  input.addEventListener('change', () => {
    preview.replaceChildren(...[...input.files].map(f => h('img', { src: URL.createObjectURL(f), alt: '待上传照片 ' + f.name })));
  });
  return {
    control: h('div', null, field(label, input), preview),
    async files() {
      const out = [];
      for (const f of input.files) out.push(await upload(f));
      return out;
    },
  };
}

/** a form with a textarea, optional photos and a submit button; onSubmit(text, evidence) */
export function noteForm({ id, label, button, photos = false, required = true, onSubmit }) {
  const text = h('textarea', { id: id + '-note', name: 'note', rows: 2, required: required || undefined });
  const photo = photos ? photoInput(id + '-photo') : null;
  const out = h('div.out');
  const submit = h('button', { type: 'submit', id: id + '-submit' }, button);
  const form = h('form.action', { id }, field(label, text), photo && photo.control, submit, out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      const evidence = photo ? await photo.files() : [];
      await onSubmit(text.value.trim(), evidence, out);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
