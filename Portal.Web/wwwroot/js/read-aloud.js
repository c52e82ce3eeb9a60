// "Lees voor" / "Read aloud": reads the page's main content with the browser's own speech (Web Speech API).
// Progressive enhancement: the controls stay hidden without JavaScript, without speech synthesis, or without a
// voice for the page's language. Nothing plays until the customer presses the button. Plain text only (no SSML),
// in chunks of at most about 30 words, each sentence highlighted while it is read.
(function () {
  "use strict";

  var MAX_WORDS = 30;
  var BREAK = "\u2029"; // the paragraph separator: white space that no page text uses
  var root = document.querySelector("[data-read-aloud]");
  var main = document.getElementById("main");
  if (!root || !main || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;

  var synth = window.speechSynthesis;
  var language = (document.documentElement.lang || "nl").toLowerCase();
  var buttons = {
    play: root.querySelector("[data-action=play]"),
    pause: root.querySelector("[data-action=pause]"),
    resume: root.querySelector("[data-action=resume]"),
    stop: root.querySelector("[data-action=stop]")
  };
  var status = root.querySelector("[data-status]");
  var queue = [];
  var position = 0;
  var reading = false;
  var voice = null;

  function findVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().split(/[-_]/)[0] === language) return voices[i];
    }
    return null;
  }

  function offer() {
    voice = findVoice();
    root.hidden = !voice;
  }

  // The blocks a reader would read, in document order; the controls themselves are left out.
  function blocks() {
    var selector = "h1, h2, h3, p, li, dt, dd, caption, th, td";
    return Array.prototype.filter.call(main.querySelectorAll(selector), function (el) {
      if (root.contains(el) || el.closest("[hidden], [aria-hidden=true]")) return false;
      // Not shown on screen (such as what only a printed page shows): not read either.
      if (el.getClientRects().length === 0) return false;
      // A block inside another selected block is read as part of it.
      return !el.parentElement.closest(selector) || !main.contains(el.parentElement.closest(selector));
    });
  }

  // The box a text node is laid out in: its nearest ancestor that is not inline (a term, a cell, a heading).
  function boxOf(node, block) {
    for (var el = node.parentElement; el && el !== block; el = el.parentElement) {
      // A value with its own spoken form (an IBAN, an amount) is read apart from the words around it.
      if (el.hasAttribute("data-speak") || !/^inline/.test(getComputedStyle(el).display)) return el;
    }
    return block;
  }

  // Splits a block's text into sentences and then into chunks of at most MAX_WORDS words, keeping a DOM range
  // for each chunk so it can be highlighted.
  function chunksOf(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var text = "";
    var lastBox = null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      // Where one box ends and the next begins ("Nog te betalen" | "€ 80,50") the words part and the sentence ends.
      var box = boxOf(node, block);
      if (lastBox && box !== lastBox) text += BREAK;
      lastBox = box;
      var spoken = node.parentElement.closest("[data-speak]");
      nodes.push({ node: node, start: text.length, speak: spoken && block.contains(spoken) && spoken.getAttribute("data-speak") ? spoken : null });
      text += node.nodeValue;
    }
    var result = [];
    // A sentence ends at . ! or ? before white space (not inside "€125.50"), at a box's end, or at the end.
    var sentence = /[^\s\u2029][^\u2029]*?(?:[.!?]+(?=\s|$)|(?=\u2029)|$)/g;
    var match;
    while ((match = sentence.exec(text)) !== null) {
      var words = match[0].split(/(\s+)/);
      var offset = match.index;
      var count = 0;
      var startOffset = offset;
      for (var i = 0; i < words.length; i++) {
        if (/\S/.test(words[i])) count++;
        offset += words[i].length;
        var last = i === words.length - 1;
        if (count === MAX_WORDS || (last && count > 0)) {
          var piece = spokenFormOf(nodes, startOffset, offset) || text.slice(startOffset, offset).replace(/\s+/g, " ").trim();
          if (piece) result.push({ text: piece, range: rangeFor(nodes, startOffset, offset), block: block });
          startOffset = offset;
          count = 0;
        }
      }
    }
    return result;
  }

  // When every word of a chunk belongs to one value with a spoken form (data-speak), that form is read instead:
  // "N L 91, A B N A, …" rather than "NL91 ABNA …", which a voice would garble.
  function spokenFormOf(nodes, start, end) {
    var element = null;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var nodeEnd = n.start + n.node.nodeValue.length;
      if (nodeEnd <= start || n.start >= end || !/\S/.test(n.node.nodeValue)) continue;
      if (!n.speak || (element && element !== n.speak)) return null;
      element = n.speak;
    }
    return element ? element.getAttribute("data-speak") : null;
  }

  function rangeFor(nodes, start, end) {
    if (!nodes.length) return null;
    var range = document.createRange();
    var setStart = false;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var length = n.node.nodeValue.length;
      if (!setStart && start <= n.start + length) { range.setStart(n.node, Math.max(0, start - n.start)); setStart = true; }
      if (end <= n.start + length) { range.setEnd(n.node, Math.max(0, end - n.start)); return range; }
    }
    var lastNode = nodes[nodes.length - 1].node;
    range.setEnd(lastNode, lastNode.nodeValue.length);
    return range;
  }

  function highlight(chunk) {
    clearHighlight();
    if (!chunk) return;
    if (window.CSS && CSS.highlights && typeof window.Highlight === "function" && chunk.range) {
      CSS.highlights.set("read-aloud", new Highlight(chunk.range));
    } else {
      chunk.block.classList.add("is-being-read");
    }
  }

  function clearHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete("read-aloud");
    Array.prototype.forEach.call(main.querySelectorAll(".is-being-read"), function (el) { el.classList.remove("is-being-read"); });
  }

  function show(state) {
    buttons.play.hidden = state !== "idle";
    buttons.pause.hidden = state !== "reading";
    buttons.resume.hidden = state !== "paused";
    buttons.stop.hidden = state === "idle";
    status.textContent = root.getAttribute("data-status-" + state) || "";
  }

  function speakNext() {
    if (!reading) return;
    if (position >= queue.length) { stop(); return; }
    var chunk = queue[position];
    var utterance = new SpeechSynthesisUtterance(chunk.text);
    utterance.lang = voice.lang || language;
    utterance.voice = voice;
    utterance.rate = 0.95;
    utterance.onend = function () { position++; speakNext(); };
    utterance.onerror = function () { stop(); };
    highlight(chunk);
    synth.speak(utterance);
  }

  function play() {
    synth.cancel();
    queue = [];
    blocks().forEach(function (block) { queue = queue.concat(chunksOf(block)); });
    position = 0;
    reading = true;
    show("reading");
    speakNext();
  }

  function stop() {
    reading = false;
    synth.cancel();
    clearHighlight();
    var focusLost = root.contains(document.activeElement) || document.activeElement === document.body;
    show("idle");
    if (focusLost) buttons.play.focus();
  }

  buttons.play.addEventListener("click", play);
  buttons.stop.addEventListener("click", stop);
  buttons.pause.addEventListener("click", function () { synth.pause(); show("paused"); buttons.resume.focus(); });
  buttons.resume.addEventListener("click", function () { synth.resume(); show("reading"); buttons.pause.focus(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && reading) stop(); });
  window.addEventListener("pagehide", function () { synth.cancel(); });

  offer();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", offer);
})();
