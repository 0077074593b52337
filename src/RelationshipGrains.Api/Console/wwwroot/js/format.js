const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function when(value) {
  return value ? dateTime.format(new Date(value)) : '';
}

// "sales-opportunity" reads as "Sales opportunity".
export function label(value) {
  if (value === undefined || value === null) return '';
  const words = String(value).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function money(value) {
  if (!value) return '';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency }).format(value.amount);
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

export function number(value, digits = 2) {
  return Number(value ?? 0).toLocaleString(undefined, { maximumFractionDigits: digits });
}

export function bytes(value) {
  if (value === undefined || value === null) return 'n/a';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) { v /= 1024; unit++; }
  return `${v.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
