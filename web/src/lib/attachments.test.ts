import { describe, expect, test } from 'vitest';
import { attachmentsOf, blobTypeOf, decodeBase64, decodeText, htmlToText, kindOf } from './attachments.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('attachments', () => {
  test('decodes standard and URL-safe base64, with line breaks and without padding', () => {
    expect(decodeText(decodeBase64('aGVsbG8=')!)).toBe('hello');
    expect(decodeText(decodeBase64('aGVs\nbG8')!)).toBe('hello');
    expect(decodeBase64('-_8')).toEqual(new Uint8Array([251, 255]));
    expect(decodeBase64('not base64!')).toBeUndefined();
    expect(decodeBase64('a')).toBeUndefined();
  });

  test('finds attachments where each resource type keeps them', () => {
    const doc = {
      resourceType: 'DocumentReference',
      content: [
        { attachment: { contentType: 'text/plain; charset=utf-8', data: b64('Clinic note'), title: 'Note from the clinic' } },
        { attachment: { contentType: 'application/pdf', url: 'https://hospital.example/letters/1.pdf', size: 52_000 } },
      ],
    };
    const [note, letter] = attachmentsOf(doc);
    expect(note).toMatchObject({ title: 'Note from the clinic', contentType: 'text/plain', kind: 'text', size: 11, url: undefined });
    expect(decodeText(note!.data!)).toBe('Clinic note');
    expect(letter).toMatchObject({
      title: 'PDF document',
      kind: 'pdf',
      size: 52_000,
      data: undefined,
      url: 'https://hospital.example/letters/1.pdf',
    });

    const report = { resourceType: 'DiagnosticReport', presentedForm: [{ contentType: 'image/png', data: 'iVBORw0KGgo=' }] };
    expect(attachmentsOf(report)).toMatchObject([{ kind: 'image', title: 'Picture', size: 8 }]);
    expect(attachmentsOf({ resourceType: 'Media', content: { contentType: 'image/jpeg', data: '/9j/' } })).toMatchObject([
      { kind: 'image' },
    ]);
    expect(attachmentsOf({ resourceType: 'Binary', contentType: 'text/html', data: b64('<p>Hi</p>') })).toMatchObject([{ kind: 'html' }]);
    expect(attachmentsOf({ resourceType: 'Observation' })).toEqual([]);
  });

  test('marks inline data that is not base64 as unreadable rather than showing garbage', () => {
    const [broken] = attachmentsOf({ resourceType: 'DiagnosticReport', presentedForm: [{ contentType: 'text/plain', data: '%%%' }] });
    expect(broken).toMatchObject({ unreadable: true, data: undefined });
  });

  test('never treats SVG or unknown types as pictures', () => {
    expect(kindOf('image/svg+xml')).toBe('other');
    expect(kindOf('application/octet-stream')).toBe('other');
    expect(kindOf('text/rtf')).toBe('text');
    expect(kindOf(undefined)).toBe('other');
  });

  test('gives a blob its own type only when it is a raster picture or a PDF', () => {
    const blobType = (contentType: string) =>
      blobTypeOf(attachmentsOf({ resourceType: 'Binary', contentType, data: b64('<svg onload="alert(1)"/>') })[0]!);
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(blobType(type)).toBe(type);
    expect(blobType('application/pdf')).toBe('application/pdf');
    for (const type of [
      'image/svg+xml',
      'text/html',
      'application/xhtml+xml',
      'text/xml',
      'application/xml',
      'text/plain',
      'application/x-unknown',
    ])
      expect(blobType(type)).toBe('application/octet-stream');
    expect(blobType('IMAGE/SVG+XML; charset=utf-8')).toBe('application/octet-stream');
    expect(blobTypeOf({ kind: 'other', contentType: undefined })).toBe('application/octet-stream');
  });

  test('turns HTML into plain text, dropping scripts and styles', () => {
    const html =
      '<html><head><title>x</title><style>p{}</style></head><body><h1>Letter</h1><!-- hidden --><p>Dear Ada,<br>all&nbsp;is &lt;well&gt; &#169; &#x263A;</p>' +
      '<script>alert(1)</script><img src=x onerror=alert(1)><table><tr><td>Hb</td><td>130</td></tr></table></body></html>';
    expect(htmlToText(html)).toBe('Letter\nDear Ada,\nall is <well> © ☺\nHb 130');
  });

  test('reads text in the character set its type names', () => {
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=iso-8859-1')).toBe('café');
    expect(decodeText(new Uint8Array([0x68, 0x69]), 'text/plain; charset=nonsense')).toBe('hi');
  });
});
