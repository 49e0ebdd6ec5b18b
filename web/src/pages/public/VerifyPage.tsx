import { Alert, Anchor, Button, Card, FileInput, Group, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import jsQR from 'jsqr';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { verification } from '../../api/endpoints';
import type { VerifyResult } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { ChecksCard, VerdictAlert } from '../../components/Verification';
import { errorMessage } from '../../i18n/errors';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The facts a person looks for first, read from the verified document. */
function summary(r: VerifyResult) {
  const c = r.credential;
  const subject = obj([c?.credentialSubject].flat()[0]);
  const issuer = obj(c?.issuer);
  return {
    achievement: str(obj(subject?.achievement)?.name) ?? str(c?.name),
    recipient: str(subject?.name),
    issuer: str(issuer?.name) ?? str(issuer?.id) ?? str(c?.issuer) ?? r.issuer,
  };
}

function readFile(file: File, as: 'text' | 'dataUrl'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    if (as === 'text') reader.readAsText(file);
    else reader.readAsDataURL(file);
  });
}

/** The text of a QR code in an image (a photo of a certificate, a screenshot), if any. */
async function qrInImage(src: CanvasImageSource, width: number, height: number): Promise<string | undefined> {
  const scale = Math.min(1, 1600 / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return undefined;
  g.drawImage(src, 0, 0, canvas.width, canvas.height);
  const pixels = g.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data;
}

async function qrInFile(file: File): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    return await qrInImage(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** A QR code's link, when it leads to a credential or share page of this site. */
function localPath(text: string): string | undefined {
  try {
    const url = new URL(text, window.location.origin);
    return url.origin === window.location.origin && /^\/(c|s)\/[\w-]+$/.test(url.pathname) ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Anyone can check a credential here: paste it (JSON, a JWT, an SD-JWT),
 * upload a file or a baked badge image, or scan the QR code of a certificate.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [qrText, setQrText] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  /** Clears the last outcome, runs one check, and shows its failure, if any. */
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setQrText(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  /** A QR code found: follow it when it is one of ours, else show where it leads. */
  const onQr = useCallback(
    (data: string) => {
      const path = localPath(data);
      if (path) navigate(path);
      else setQrText(data);
    },
    [navigate],
  );

  const onPaste = (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('verify.pasteEmpty'));
      return;
    }
    void attempt(async () => setResult(await verification.verify(text)));
  };

  const onUpload = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t('verify.fileMissing'));
      return;
    }
    const isPng = file.type === 'image/png' || /\.png$/i.test(file.name);
    const isRaster = isPng || /^image\/(jpeg|webp|gif)$/.test(file.type);
    await attempt(async () => {
      if (isRaster && !isPng) {
        // A photo can hold a QR code but never a baked credential.
        const qr = await qrInFile(file);
        if (qr) onQr(qr);
        else setError(t('verify.noQr'));
        return;
      }
      const content = await readFile(file, isPng ? 'dataUrl' : 'text');
      const r = await verification.verify(content);
      const notBaked = isPng && r.checks[0]?.id === 'baked' && r.checks[0].ok === false;
      const qr = notBaked ? await qrInFile(file) : undefined;
      if (qr) onQr(qr);
      else setResult(r);
    });
  };

  const facts = result && summary(result);
  return (
    <Page title={t('verify.title')}>
      <Text maw="65ch">{t('verify.intro')}</Text>
      <Tabs defaultValue="paste" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="paste">{t('verify.tabPaste')}</Tabs.Tab>
          <Tabs.Tab value="upload">{t('verify.tabUpload')}</Tabs.Tab>
          <Tabs.Tab value="scan">{t('verify.tabScan')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="paste" pt="md">
          <form onSubmit={onPaste} noValidate>
            <Stack>
              <Textarea
                label={t('verify.pasteLabel')}
                description={t('verify.pasteHint')}
                name="credential"
                autosize
                minRows={6}
                maxRows={16}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
              <Group>
                <Button type="submit" loading={busy}>{t('verify.submit')}</Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="upload" pt="md">
          <form onSubmit={(e) => void onUpload(e)} noValidate>
            <Stack>
              <FileInput
                label={t('verify.fileLabel')}
                description={t('verify.fileHint')}
                name="file"
                accept=".json,.jsonld,.jwt,.txt,.png,.svg,.jpg,.jpeg,.webp,application/json,image/png,image/svg+xml,image/jpeg,image/webp,text/plain"
                value={file}
                onChange={setFile}
                clearable
              />
              <Group>
                <Button type="submit" loading={busy}>{t('verify.submit')}</Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="scan" pt="md">
          <CameraScanner onFound={onQr} />
        </Tabs.Panel>
      </Tabs>

      <ErrorAlert message={error} />
      {qrText && (
        <Alert color="blue" variant="light" title={t('verify.qrFound')}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {/^https?:\/\//.test(qrText) ? <Anchor href={qrText} rel="noopener noreferrer">{qrText}</Anchor> : qrText}
          </Text>
          <Text size="sm">{t('verify.qrElsewhere')}</Text>
        </Alert>
      )}
      {result && (
        <Stack ref={resultRef} tabIndex={-1} aria-label={t('verify.resultLabel')}>
          <VerdictAlert verification={result} issuerName={facts?.issuer} />
          {facts && (facts.achievement || facts.recipient) && (
            <Card withBorder padding="lg">
              <Title order={2} size="h3">{facts.achievement ?? t('verify.untitled')}</Title>
              <dl className="details">
                {facts.recipient && (
                  <>
                    <dt>{t('credential.awardedTo')}</dt>
                    <dd>{facts.recipient}</dd>
                  </>
                )}
                {facts.issuer && (
                  <>
                    <dt>{t('credential.issuer')}</dt>
                    <dd style={{ overflowWrap: 'anywhere' }}>{facts.issuer}</dd>
                  </>
                )}
              </dl>
            </Card>
          )}
          <ChecksCard checks={result.checks} />
        </Stack>
      )}
    </Page>
  );
}

/** Scans QR codes from the device camera, a few times a second, until one is found. */
function CameraScanner({ onFound }: { onFound(text: string): void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let live = true;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        const video = videoRef.current;
        if (!live || !video) return;
        video.srcObject = stream;
        await video.play();
        timer = window.setInterval(() => {
          if (video.videoWidth === 0) return;
          void qrInImage(video, video.videoWidth, video.videoHeight).then((found) => {
            if (found && live) {
              live = false;
              setOn(false);
              onFound(found);
            }
          });
        }, 300);
      } catch {
        setProblem(t('verify.cameraDenied'));
        setOn(false);
      }
    })();
    return () => {
      live = false;
      if (timer) window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, onFound, t]);

  if (!supported) return <Text>{t('verify.cameraUnsupported')}</Text>;
  return (
    <Stack>
      <Text size="sm">{t('verify.scanHint')}</Text>
      <Group>
        <Button onClick={() => { setProblem(null); setOn((v) => !v); }} variant={on ? 'default' : 'filled'}>
          {on ? t('verify.stopCamera') : t('verify.startCamera')}
        </Button>
      </Group>
      {on && <video ref={videoRef} muted playsInline style={{ width: '100%', maxWidth: 480 }} aria-label={t('verify.cameraLabel')} />}
      <ErrorAlert message={problem} />
    </Stack>
  );
}
