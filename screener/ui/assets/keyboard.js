// Keyboard help for the questions page (a Streamlit components-v2 component, no iframe).
//
// Python decides where focus goes (screener/answer_keys.py) and sends it as `data`:
//   { request, after, target, keys, texts }
// - request: a number that changes when focus should move (a step change or a new answer);
// - after: the question just answered (null after a step change);
// - target: the question to focus ("q_<key>") or "@go_on" (Next, or See results);
// - keys: for each one-key question, the key of each answer in order ("1", "y", "s", ...);
// - texts: the committed value of each text question (to tell whether Enter changes it).
// This script only carries that out, and handles the keys Streamlit's own radios lack:
// a digit or letter answers at once; arrow keys move between answers without choosing one,
// so one slipped key never changes an answer silently; Enter or Space chooses.

const STATE = (window.__alsKeyboard = window.__alsKeyboard || {
  installed: false,
  handled: null,
  keys: {},
  texts: {},
  lastEnter: null,
});

const QUESTION = '[class*="st-key-q_"]';
const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown"]);
const BACK_KEYS = new Set(["ArrowLeft", "ArrowUp"]);

function questionOf(element) {
  return element instanceof Element ? element.closest(QUESTION) : null;
}

function keyOf(box) {
  for (const name of box.classList) {
    if (name.startsWith("st-key-q_")) return name.slice("st-key-".length);
  }
  return "";
}

function entry(box) {
  return (
    box.querySelector('input[type="radio"]:checked') ||
    box.querySelector('input:not([type="hidden"]), textarea') ||
    box.querySelector('button, [tabindex="0"]')
  );
}

function goOn() {
  return document.querySelector(".st-key-next button, .st-key-see_results a");
}

function questionsInOrder() {
  return [...document.querySelectorAll(`.st-key-step_questions ${QUESTION}`)];
}

function moveOn(box, enter) {
  // Nothing will rerun (the answer did not change): move on from here.
  const all = questionsInOrder();
  const next = all[all.indexOf(box) + 1];
  if (next) {
    entry(next)?.focus();
    return;
  }
  const button = goOn();
  if (!button) return;
  if (enter) button.click();
  else button.focus();
}

function choose(box, radio, enter) {
  if (radio.checked) {
    moveOn(box, enter); // keep this answer and go on (Enter on the last one: next step)
    return;
  }
  radio.focus();
  radio.click(); // Streamlit commits; the rerun then asks for focus on the next question
}

function onRadioKey(event, radio, box) {
  const radios = [...box.querySelectorAll('input[type="radio"]')];
  const at = radios.indexOf(radio);
  if (NEXT_KEYS.has(event.key) || BACK_KEYS.has(event.key)) {
    const step = NEXT_KEYS.has(event.key) ? 1 : -1;
    radios[Math.max(0, Math.min(radios.length - 1, at + step))].focus();
  } else if (event.key === "Enter" || event.key === " ") {
    choose(box, radio, event.key === "Enter");
  } else {
    const keys = STATE.keys[keyOf(box)] || [];
    const wanted = keys.indexOf(event.key.toLowerCase());
    if (wanted < 0 || !radios[wanted]) return;
    choose(box, radios[wanted], false);
  }
  event.preventDefault();
  event.stopPropagation();
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  const box = questionOf(target);
  if (!box) return;
  if (target instanceof HTMLInputElement && target.type === "radio") {
    onRadioKey(event, target, box);
    return;
  }
  if (event.key !== "Enter" || !(target instanceof HTMLInputElement)) return;
  const key = keyOf(box);
  STATE.lastEnter = { key, at: Date.now() };
  const isText = target.getAttribute("role") !== "combobox";
  if (isText && (STATE.texts[key] ?? "") === target.value) moveOn(box, true);
  if (!isText && target.getAttribute("aria-expanded") !== "true") moveOn(box, true);
}

function place(request, target, after) {
  const enter =
    after !== null &&
    STATE.lastEnter !== null &&
    STATE.lastEnter.key === after &&
    Date.now() - STATE.lastEnter.at < 10000;
  STATE.lastEnter = null;
  const started = document.activeElement;
  const here = started ? questionOf(started) : null;
  const stillThere =
    after === null || !started || started === document.body || (here && keyOf(here) === after);
  if (!stillThere) return; // the person has moved on (Tab, mouse): do not pull focus back
  let tries = 0;
  const attempt = () => {
    // A newer request, or focus moved by the person while waiting: leave focus alone.
    if (STATE.handled !== request) return;
    const now = document.activeElement;
    if (now !== started && now !== document.body && now !== null) return;
    let element = null;
    if (target === "@go_on") element = goOn();
    else {
      const box = document.querySelector(`.st-key-${target}`);
      element = box && box.getAttribute("data-stale") !== "true" ? entry(box) : null;
    }
    if (element) {
      if (target === "@go_on" && enter) element.click();
      else element.focus();
    } else if (tries++ < 60) {
      setTimeout(attempt, 50);
    }
  };
  requestAnimationFrame(attempt);
}

export default function keyboard(component) {
  const data = component.data || {};
  if (!STATE.installed) {
    document.addEventListener("keydown", onKey, true);
    STATE.installed = true;
  }
  STATE.keys = data.keys || {};
  STATE.texts = data.texts || {};
  if (data.request !== undefined && data.request !== STATE.handled) {
    STATE.handled = data.request;
    place(data.request, data.target, data.after ?? null);
  }
}
