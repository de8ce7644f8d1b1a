/**
 * Keeping a screen awake where the Screen Wake Lock is missing or refused (it needs a secure
 * context: https or localhost, and a stage or a phone on a venue's LAN is often plain http). A
 * playing video also holds the screen: Blink does so for a video that is playing on a visible
 * page and mostly on screen, and exempts a MediaStream source from its minimum size (a muted video
 * from a file must cover a fifth of the viewport). So a tiny canvas stream, painted now and then,
 * plays muted in a corner, nearly transparent. Nothing is fetched, so no Content-Security-Policy
 * needs to let media in.
 */

const REPAINT_EVERY_MS = 15_000;

/**
 * Starts the video and tells `onPlaying` whether it plays, each time that changes; returns how to
 * stop it. Where canvas streams are missing, says at once that it does not play.
 */
export function startVideoKeepAwake(onPlaying: (playing: boolean) => void): () => void {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 16;
  const ctx = canvas.getContext('2d');
  if (!ctx || typeof canvas.captureStream !== 'function') {
    onPlaying(false);
    return () => {};
  }
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
  const playing = () => onPlaying(true);
  const paused = () => onPlaying(false);
  video.addEventListener('playing', playing);
  video.addEventListener('pause', paused);
  // Muted playback may start at once; where a browser still wants a gesture (a phone saving
  // power), it is refused now and the next tap or key tries again.
  const play = () => {
    if (video.paused) void video.play().catch(paused);
  };
  play();
  window.addEventListener('pointerdown', play);
  window.addEventListener('keydown', play);
  return () => {
    clearInterval(timer);
    window.removeEventListener('pointerdown', play);
    window.removeEventListener('keydown', play);
    video.removeEventListener('playing', playing);
    video.removeEventListener('pause', paused);
    video.pause();
    video.srcObject = null;
    video.remove();
    for (const track of stream.getTracks()) track.stop();
  };
}
