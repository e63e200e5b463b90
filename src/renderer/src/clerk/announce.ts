/**
 * The audible call: a two-tone chime (Web Audio) and, where the system has a voice, the number
 * and counter spoken. Either may be missing (headless, no voice installed): the on-screen call
 * is what counts, so failures here are silent.
 */
export interface Announcement {
  /** What to say, in the display's language. */
  readonly text: string
  /** BCP 47 tag of `text`. */
  readonly lang: string
}

/** A ticket label as it is read out: one character at a time (A007 → "A 0 0 7"). */
export function spokenLabel(label: string): string {
  return label.split('').join(' ')
}

let context: AudioContext | null = null

function chime(): void {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!Ctor) return
  context ??= new Ctor()
  const ctx = context
  void ctx.resume().catch(() => undefined)
  const start = ctx.currentTime
  for (const [i, frequency] of [880, 660].entries()) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = frequency
    const at = start + i * 0.35
    gain.gain.setValueAtTime(0.0001, at)
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.03)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.32)
    osc.connect(gain).connect(ctx.destination)
    osc.start(at)
    osc.stop(at + 0.34)
  }
}

export function announce(announcement: Announcement): void {
  try {
    chime()
  } catch {
    // no audio device
  }
  try {
    const synth = window.speechSynthesis
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return
    const utterance = new SpeechSynthesisUtterance(announcement.text)
    utterance.lang = announcement.lang
    utterance.rate = 0.9
    // After the chime.
    setTimeout(() => synth.speak(utterance), 700)
  } catch {
    // no voice
  }
}
