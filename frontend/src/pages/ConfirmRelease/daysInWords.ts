/** Release days as a head reads them: 0.5 → `½ day`, 1 → `1 day`, 1.5 → `1½ days`. */
export function daysInWords(days: number): string {
  const halves = Math.round(Math.abs(days) * 2);
  const whole = Math.floor(halves / 2);
  const number = `${whole > 0 ? whole : ''}${halves % 2 ? '½' : ''}`;
  return `${number} ${halves <= 2 ? 'day' : 'days'}`;
}
