import type { Language } from '../model/schemas.js';
import { instantToWall, offsetChangeBetween, repeatedWallTime, sameWallDay, type OffsetChange, type WallTime } from '../time/zone.js';
import { endSentence } from '../util/punctuation.js';

/**
 * Times and dates as a patient reads them, from wall time in the clinic's zone.
 * Written by hand, not with Intl, so the text does not change with the ICU version
 * (recent ICU puts a narrow no-break space before "AM").
 */
const names = {
  en: {
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
  es: {
    weekdays: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  },
} as const;

/** A no-break space: a printed time is never split over two lines ("3:00" / "PM"). */
export const noBreakSpace = '\u00a0';

/**
 * "3:00 AM" / "3:00 a. m.". Midnight and noon are named: "12:00 AM" and "12:00 PM" are
 * the clock times people most often misread (style guides such as NIST's and the US
 * Government Publishing Office's say to write "midnight" and "noon"). `space` goes
 * between the words of the time: a no-break space where the time is set in a paragraph.
 */
export function formatClock(w: WallTime, lang: Language, space = ' '): string {
  const words = (...parts: string[]) => parts.join(space);
  if (w.minute === 0 && (w.hour === 0 || w.hour === 12)) {
    if (lang === 'es') return w.hour === 0 ? words('12:00', 'de', 'la', 'medianoche') : words('12:00', 'del', 'mediodía');
    return w.hour === 0 ? words('12:00', 'midnight') : words('12:00', 'noon');
  }
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  const clock = `${h12}:${String(w.minute).padStart(2, '0')}`;
  if (lang === 'es') return w.hour < 12 ? words(clock, 'a.', 'm.') : words(clock, 'p.', 'm.');
  return words(clock, w.hour < 12 ? 'AM' : 'PM');
}

/** "Tuesday, November 24" / "martes 24 de noviembre" */
export function formatDay(w: WallTime, lang: Language): string {
  const n = names[lang];
  const weekday = n.weekdays[w.weekday] ?? '';
  const month = n.months[w.month - 1] ?? '';
  return lang === 'es' ? `${weekday} ${w.day} de ${month}` : `${weekday}, ${month} ${w.day}`;
}

/** "Tuesday, November 24, 2026" / "martes 24 de noviembre de 2026" */
export function formatDayWithYear(w: WallTime, lang: Language): string {
  return lang === 'es' ? `${formatDay(w, lang)} de ${w.year}` : `${formatDay(w, lang)}, ${w.year}`;
}

/** A calendar date (birth date) given as YYYY-MM-DD: "March 4, 1984" / "4 de marzo de 1984". */
export function formatCalendarDate(isoDate: string, lang: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = names[lang].months[m - 1] ?? '';
  return lang === 'es' ? `${d} de ${month} de ${y}` : `${month} ${d}, ${y}`;
}

/** A moment as templates print it; the words of each time are joined by no-break spaces. */
export interface MomentText {
  /** "3:00 AM" */
  readonly time: string;
  /** `time` ending a sentence, with one period: "3:00 PM." / "3:00 p. m." (see `fullEnding`). */
  readonly timeEnding: string;
  /** "Tuesday, November 24"; for midnight, the day it ends. */
  readonly date: string;
  /** The time, with its date when it falls on another day than the session (midnight: always). */
  readonly when: string;
  /** `when` ending a sentence, with one period (see `fullEnding`). */
  readonly whenEnding: string;
  /** Always time and date: "3:00 AM on Tuesday, November 24" / "martes 24 de noviembre, 3:00 a. m." */
  readonly full: string;
  /**
   * `full` ending a sentence, with its period: "… 3:00 PM on Tuesday, November 24." In
   * Spanish a time ending in an abbreviation ("3:00 p. m.") takes no second period, as
   * the abbreviation's own closes the sentence; "12:00 del mediodía" takes one.
   */
  readonly fullEnding: string;
  readonly otherDay: boolean;
}

function joinTimeDate(time: string, date: string, lang: Language): string {
  return lang === 'es' ? `${date}, ${time}` : `${time} on ${date}`;
}

export function momentText(instantMs: number, sessionStartMs: number, zone: string, lang: Language): MomentText {
  const wall = instantToWall(instantMs, zone);
  const time = formatClock(wall, lang, noBreakSpace);
  if (wall.hour === 0 && wall.minute === 0) {
    // Midnight is dated by the day it ends, always: "12:00 AM on Tuesday" is read by
    // many as Tuesday night, a day late, and a fast that ends a day late is no fast.
    const date = formatDay(instantToWall(instantMs - 60_000, zone), lang);
    const full = lang === 'es' ? `${date}, ${time} (al terminar el día)` : `${time} at the end of ${date}`;
    return { time, timeEnding: endSentence(time), date, when: full, whenEnding: endSentence(full), full, fullEnding: endSentence(full), otherDay: true };
  }
  const otherDay = !sameWallDay(wall, instantToWall(sessionStartMs, zone));
  const date = formatDay(wall, lang);
  const full = joinTimeDate(time, date, lang);
  const when = otherDay ? full : time;
  return { time, timeEnding: endSentence(time), date, when, whenEnding: endSentence(when), full, fullEnding: endSentence(full), otherDay };
}

/** "6 hours", "30 minutes", "1 hour 30 minutes" / "6 horas", "30 minutos". */
export function formatDuration(hours: number, lang: Language): string {
  const total = Math.round(hours * 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const unit = (n: number, en: [string, string], es: [string, string]) => `${n} ${(lang === 'es' ? es : en)[n === 1 ? 0 : 1]}`;
  const parts = [h > 0 ? unit(h, ['hour', 'hours'], ['hora', 'horas']) : '', m > 0 ? unit(m, ['minute', 'minutes'], ['minuto', 'minutos']) : ''].filter(Boolean);
  return parts.join(lang === 'es' ? ' y ' : ' ');
}

/** What the clocks show at the moment they change, before it: "2:00 AM" on the night daylight saving ends. */
function wallAtChange(change: OffsetChange): WallTime {
  const d = new Date(change.atMs + change.fromMinutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

/** "1 hour", "30 minutes": how far the clocks move. */
function changeAmount(change: OffsetChange, lang: Language): string {
  return formatDuration(Math.abs(change.toMinutes - change.fromMinutes) / 60, lang);
}

/**
 * The sentence that tells a patient the clocks change within a stretch of time the
 * document counts (a fast, the hours without driving), and that the clock times given
 * already count it: left at 4:10 PM on the Saturday daylight saving ends, a patient
 * may drive again at 3:10 PM on Sunday, which is 24 hours later. `many`: the document
 * gives several times, not one. `duringVisit`: the change falls between the start and the
 * time of leaving, so a session that starts at 1:30 AM, in the hour the clocks repeat,
 * may end at 1:40 AM: the sentence says the visit spans the change.
 */
export function clockChangeSentence(change: OffsetChange, lang: Language, many: boolean, duringVisit = false): string {
  const wall = wallAtChange(change);
  const back = change.toMinutes < change.fromMinutes;
  const amount = changeAmount(change, lang);
  const time = formatClock(wall, lang, noBreakSpace);
  const date = formatDay(wall, lang);
  if (lang === 'es') {
    const at = wall.hour % 12 === 1 ? 'a la' : 'a las';
    return `El ${date} ${at} ${time}${duringVisit ? ', durante su visita' : ''}, los relojes se ${back ? 'atrasan' : 'adelantan'} ${amount}. ${many ? 'Las horas de arriba ya tienen' : 'La hora de arriba ya tiene'} en cuenta ese cambio.`;
  }
  return `The clocks go ${back ? 'back' : 'forward'} ${amount} at ${time} on ${date}${duringVisit ? ', during your visit' : ''}. ${many ? 'The times above already take' : 'The time above already takes'} that into account.`;
}

/**
 * The moment with words that say which of two equal clock readings it is, when it falls
 * in the stretch the clocks repeat as they go back: "1:30 AM" comes twice that night, an
 * hour apart, and a fast or a wait read as the other one would be an hour short.
 * Unchanged for any other moment.
 */
export function withRepeatedTime(moment: MomentText, instantMs: number, zone: string, lang: Language): MomentText {
  const which = repeatedWallTime(instantMs, zone);
  if (which === null) return moment;
  const change = offsetChangeBetween(instantMs - 86_400_000, instantMs + 86_400_000, zone);
  if (change === null) return moment;
  const amount = changeAmount(change, lang);
  const note =
    lang === 'es'
      ? which === 'first'
        ? `(la primera vez que el reloj marca ${moment.time}; luego los relojes se atrasan ${amount})`
        : `(la segunda vez que el reloj marca ${moment.time}, después de que los relojes se atrasen ${amount})`
      : which === 'first'
        ? `(the first time the clock shows ${moment.time}; then the clocks go back ${amount})`
        : `(the second time the clock shows ${moment.time}, after the clocks go back ${amount})`;
  const full = `${moment.full} ${note}`;
  const when = `${moment.when} ${note}`;
  return { ...moment, when, whenEnding: endSentence(when), full, fullEnding: endSentence(full) };
}
