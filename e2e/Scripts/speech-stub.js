// Stands in for the browser's speech (Web Speech API) before the page's own scripts run, and records what would be
// said: window.__spoken gets { text, lang, voice } per utterance and window.__calls every call. Set up by
// window.__speechConfig = { voices: [{ lang, name }], delay } or { absent: true } for a browser without speech.
(() => {
  const config = window.__speechConfig;
  if (config.absent) {
    for (let o = window; o; o = Object.getPrototypeOf(o)) {
      delete o.speechSynthesis;
      delete o.SpeechSynthesisUtterance;
    }
    return;
  }

  window.__spoken = [];
  window.__calls = [];
  let voices = config.voices.map((v) => ({ lang: v.lang, name: v.name, default: false, localService: true, voiceURI: v.name }));
  const listeners = [];
  let current = null;
  let timer = null;

  // Like a real engine: each utterance ends a little later, unless paused or cancelled.
  const finishLater = () => {
    timer = setTimeout(() => {
      const done = current;
      current = null;
      timer = null;
      if (done && typeof done.onend === "function") done.onend({ type: "end", utterance: done });
    }, config.delay);
  };

  const synth = {
    get speaking() { return current !== null; },
    pending: false,
    paused: false,
    getVoices: () => voices.slice(),
    speak(utterance) {
      window.__calls.push("speak");
      window.__spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice ? utterance.voice.name : null });
      current = utterance;
      finishLater();
    },
    cancel() {
      window.__calls.push("cancel");
      clearTimeout(timer);
      const cancelled = current;
      current = null;
      // Chromium tells the cancelled utterance it was interrupted, a moment later.
      if (cancelled && typeof cancelled.onerror === "function") {
        setTimeout(() => cancelled.onerror({ type: "error", error: "interrupted", utterance: cancelled }), 0);
      }
    },
    pause() { window.__calls.push("pause"); this.paused = true; clearTimeout(timer); },
    resume() { window.__calls.push("resume"); this.paused = false; if (current) finishLater(); },
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
  };

  // Voices that arrive late, as they do in Chromium: the page hears "voiceschanged".
  window.__setVoices = (list) => {
    voices = list.map((v) => ({ lang: v.lang, name: v.name, default: false, localService: true, voiceURI: v.name }));
    listeners.forEach((listener) => listener({ type: "voiceschanged" }));
  };

  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true, writable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text === undefined ? "" : String(text);
      this.lang = "";
      this.voice = null;
      this.rate = 1;
      this.pitch = 1;
      this.volume = 1;
      this.onend = null;
      this.onerror = null;
    }
  };
})();
