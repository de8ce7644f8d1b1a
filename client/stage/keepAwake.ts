/**
 * Keeping a stage screen awake where the Screen Wake Lock is refused (it needs a secure context:
 * https or localhost, and a stage on a venue's LAN is often plain http). A playing video also
 * holds the screen in browsers: Blink does so for a video that is playing, on a visible page and
 * mostly on screen, exempting a MediaStream source from its minimum size. So a tiny canvas
 * stream, painted now and then, plays muted in a corner, nearly transparent. Nothing is fetched.
 */

const REPAINT_EVERY_MS = 15_000;

/** Starts the video; returns how to stop it. Does nothing where canvas streams are missing. */
export function startVideoKeepAwake(): () => void {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 16;
  const ctx = canvas.getContext('2d');
  if (!ctx || typeof canvas.captureStream !== 'function') return () => {};
  let shade = 0;
  const paint = () => {
    shade = (shade + 1) % 2;
    ctx.fillStyle = shade ? '#000001' : '#000000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  paint();
  const stream = canvas.captureStream(1);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('aria-hidden', 'true');
  video.dataset.testid = 'keep-awake-video';
  Object.assign(video.style, {
    position: 'fixed',
    insetInlineEnd: '0',
    bottom: '0',
    width: '4px',
    height: '4px',
    opacity: '0.01',
    pointerEvents: 'none',
  });
  video.srcObject = stream;
  document.body.append(video);
  const timer = setInterval(paint, REPAINT_EVERY_MS);
  // Muted playback may start at once; where a browser still wants a gesture, the first one does.
  const play = () => void video.play().catch(() => undefined);
  play();
  window.addEventListener('pointerdown', play);
  window.addEventListener('keydown', play);
  return () => {
    clearInterval(timer);
    window.removeEventListener('pointerdown', play);
    window.removeEventListener('keydown', play);
    video.pause();
    video.srcObject = null;
    video.remove();
    for (const track of stream.getTracks()) track.stop();
  };
}
