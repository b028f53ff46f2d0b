// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Reads DA, TM and DT values (PS3.5 §6.2, Table 6.2-1) into java.time values. A value of reduced
 * precision ("2024", "10", "1030") stands for the span it covers, so each reading gives the first and
 * the last instant of that span. The ACR-NEMA forms "YYYY.MM.DD" and "HH:MM:SS" are accepted too.
 * Malformed values read as null: the header keeps them, they just cannot match a range.
 */
public final class DicomDates {
    private DicomDates() {
    }

    /** A span of dates, times or date-times, both ends inclusive. */
    public record Span<T extends Comparable<? super T>>(T first, T last) {
        public boolean overlaps(T from, T to) {
            return (from == null || last.compareTo(from) >= 0) && (to == null || first.compareTo(to) <= 0);
        }
    }

    public static LocalDate parseDate(String da) {
        if (da == null) {
            return null;
        }
        String s = da.strip();
        if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
            s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
        }
        if (s.length() != 8 || !digits(s)) {
            return null;
        }
        try {
            return LocalDate.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The first instant of a TM value's span, or null if malformed. */
    public static LocalTime parseTime(String tm) {
        Span<LocalTime> span = timeSpan(tm);
        return span == null ? null : span.first();
    }

    /** "10" covers 10:00:00 to 10:59:59.999999; "101010.5" covers 10:10:10.5 to 10:10:10.599999. */
    public static Span<LocalTime> timeSpan(String tm) {
        if (tm == null) {
            return null;
        }
        String s = tm.strip();
        if (s.indexOf(':') >= 0) {
            s = s.replace(":", "");
        }
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 6 || (whole.length() & 1) != 0 || !digits(whole)
                || fraction.length() > 6 || !digits(fraction) || (dot >= 0 && whole.length() != 6)) {
            return null;
        }
        int hour = num(whole, 0, 2);
        int minute = whole.length() >= 4 ? num(whole, 2, 4) : 0;
        int second = whole.length() >= 6 ? num(whole, 4, 6) : 0;
        if (hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        second = Math.min(second, 59); // a leap second reads as the last second of the minute
        LocalTime first = LocalTime.of(hour, minute, second);
        LocalTime last;
        if (whole.length() == 2) {
            last = first.plusMinutes(59).plusSeconds(59).plusNanos(999_999_000);
        } else if (whole.length() == 4) {
            last = first.plusSeconds(59).plusNanos(999_999_000);
        } else {
            int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000").substring(0, 6));
            int step = (int) Math.pow(10, 6 - fraction.length());
            first = first.plusNanos(micros * 1000L);
            last = first.plusNanos((step - 1) * 1000L);
        }
        return new Span<>(first, last);
    }

    /**
     * A DT value's span ("YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]"); with an offset from UTC, both ends
     * are converted to UTC so values from different zones compare. Null if malformed.
     */
    public static Span<LocalDateTime> dateTimeSpan(String dt) {
        if (dt == null) {
            return null;
        }
        String s = dt.strip();
        ZoneOffset offset = null;
        int sign = Math.max(s.indexOf('+'), s.indexOf('-'));
        if (sign >= 0) {
            String z = s.substring(sign);
            s = s.substring(0, sign);
            if (z.length() != 5 || !digits(z.substring(1))) {
                return null;
            }
            try {
                offset = ZoneOffset.ofHoursMinutes(num(z, 1, 3) * (z.charAt(0) == '-' ? -1 : 1),
                        num(z, 3, 5) * (z.charAt(0) == '-' ? -1 : 1));
            } catch (DateTimeException e) {
                return null;
            }
        }
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        if (whole.length() < 4 || whole.length() > 14 || (whole.length() & 1) != 0 || !digits(whole)
                || (dot >= 0 && whole.length() != 14)) {
            return null;
        }
        try {
            int year = num(whole, 0, 4);
            LocalDateTime first;
            LocalDateTime last;
            if (whole.length() == 4) {
                first = LocalDate.of(year, 1, 1).atStartOfDay();
                last = first.plusYears(1);
            } else if (whole.length() == 6) {
                first = LocalDate.of(year, num(whole, 4, 6), 1).atStartOfDay();
                last = first.plusMonths(1);
            } else {
                LocalDate date = LocalDate.of(year, num(whole, 4, 6), num(whole, 6, 8));
                if (whole.length() == 8) {
                    first = date.atStartOfDay();
                    last = first.plusDays(1);
                } else {
                    Span<LocalTime> time = timeSpan(whole.substring(8) + (dot >= 0 ? s.substring(dot) : ""));
                    if (time == null) {
                        return null;
                    }
                    first = date.atTime(time.first());
                    last = date.atTime(time.last()).plusNanos(1000);
                }
            }
            last = last.minusNanos(1000);
            if (offset != null) {
                first = first.minusSeconds(offset.getTotalSeconds());
                last = last.minusSeconds(offset.getTotalSeconds());
            }
            return new Span<>(first, last);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}
