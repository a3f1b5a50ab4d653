/**
 * The Emergency Kit as a file the patient can keep: one self-contained HTML page (opens in any
 * browser, prints, saves as PDF) with the same details and QR codes as the on-screen kit. It is
 * made on this phone and handed straight to the download; nothing is sent anywhere.
 */
import QRCode from 'qrcode';
import type { EmergencyKit } from '@carekey/client';

/** The sign-in link in the kit's QR code: the details travel in the fragment, which no server sees. */
export function signInLink(kit: EmergencyKit): string {
  const details = new URLSearchParams({ account: kit.accountId, key: kit.secretKey });
  return `${kit.relay.replace(/\/+$/, '')}/login#${details.toString()}`;
}

/** The account ID in groups (6-5-5-5-5, like the Secret Key), easier to read aloud and copy. */
export function groupAccountId(accountId: string): string {
  return [accountId.slice(0, 6), accountId.slice(6, 11), accountId.slice(11, 16), accountId.slice(16, 21), accountId.slice(21)]
    .filter(Boolean)
    .join('-');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The kit as a standalone HTML document. */
export async function emergencyKitHtml(kit: EmergencyKit): Promise<string> {
  const [signInQr, recoveryQr] = await Promise.all([
    QRCode.toString(signInLink(kit), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toString(kit.recoveryCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  ]);
  const created = new Date(kit.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carekey Emergency Kit — ${escape(kit.name)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.5}
h1{font-size:1.6rem}dt{font-weight:700;margin-top:1rem}dd{margin:0.25rem 0 0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.1rem;word-break:break-all}
.row{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap;border:2px solid #0b5f5a;border-radius:12px;padding:1rem;margin:1rem 0}
.row svg{width:10rem;height:10rem;flex:none}.blank{border-bottom:1px solid #333;height:2.5rem}
</style></head><body>
<h1>Carekey Emergency Kit</h1>
<p>For <strong>${escape(kit.name)}</strong>, made on ${escape(created)}. Keep it somewhere safe and private, like your passport.
You need it, with your passphrase, to open your record on a new phone. Nobody at Carekey can recover these for you.</p>
<div class="row">${signInQr}<dl>
<dt>Account ID</dt><dd>${escape(groupAccountId(kit.accountId))}</dd>
<dt>Secret Key</dt><dd>${escape(kit.secretKey)}</dd>
<dt>Carekey server</dt><dd>${escape(kit.relay)}</dd>
</dl></div>
<p>Scan this code on a new phone to fill in the sign-in details. You will still need your passphrase.</p>
<div class="row">${recoveryQr}<dl><dt>Recovery code</dt><dd>${escape(kit.recoveryCode)}</dd></dl></div>
<p>Write your passphrase here only if this paper stays somewhere very safe:</p><div class="blank"></div>
<p>Fingerprint (for people you share with to check it is really you): ${escape((kit.fingerprint.match(/\d{5}/g) ?? []).join(' '))}</p>
</body></html>`;
}
