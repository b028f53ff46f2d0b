// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pacs.archive.catalog.DicomDates;
import org.pacs.archive.index.PersonNameKeys;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * Turns one key of an identifier into the {@link KeyMatcher} its VR and value call for (PS3.4
 * §C.2.2.2), or null for Universal Matching: a zero-length value (§C.2.2.2.3), a value of "*" only
 * where wild cards apply (§C.2.2.2.4), a sequence key without item keys (§C.2.2.2.6), and keys of VRs
 * that cannot be matched (binary values).
 */
final class KeyMatchers {
    private KeyMatchers() {
    }

    /** The matcher for element {@code index} of {@code ds}, or null for Universal Matching. */
    static KeyMatcher of(Attributes ds, int index, QueryOptions options) {
        int tag = ds.tagAt(index);
        VR vr = KeyValues.vrOf(ds, index);
        if (vr == VR.SQ) {
            return sequence(ds, tag, options);
        }
        String[] values = KeyValues.strings(ds, index);
        if (KeyValues.allEmpty(values)) {
            return null;
        }
        return switch (vr) {
            case UI -> new UidListMatcher(tag, Set.of(nonEmpty(values).toArray(String[]::new)));
            case PN -> personName(tag, values, options);
            case AE, CS, LO, LT, SH, ST, UC, UR, UT -> text(tag, values, true);
            case AS, AT -> text(tag, values, false);
            case DA -> date(tag, values);
            case TM -> time(tag, values);
            case DT -> dateTime(tag, values);
            case IS, DS, US, SS, UL, SL, FL, FD, SV, UV -> number(tag, values);
            default -> null; // binary values are return keys only
        };
    }

    private static List<String> nonEmpty(String[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    private static KeyMatcher text(int tag, String[] values, boolean wildcards) {
        List<String> patterns = nonEmpty(values);
        if (wildcards && patterns.stream().anyMatch(Glob::isUniversal)) {
            return null;
        }
        return new TextMatcher(tag, List.copyOf(patterns), wildcards);
    }

    private static KeyMatcher personName(int tag, String[] values, QueryOptions options) {
        Set<String> patterns = new LinkedHashSet<>();
        boolean folded = options.caseInsensitivePersonNames() || options.fuzzyPersonNames();
        boolean anyWildcard = false;
        for (String v : nonEmpty(values)) {
            String cleaned = PersonNameKeys.clean(v);
            if (Glob.isUniversal(cleaned)) {
                return null;
            }
            if (!cleaned.isEmpty()) {
                anyWildcard |= Glob.hasWildcard(cleaned);
                patterns.add(folded ? PersonNameKeys.fold(cleaned) : cleaned);
            }
        }
        if (patterns.isEmpty()) {
            return null;
        }
        List<String> words = List.of();
        if (options.fuzzyPersonNames() && !anyWildcard && patterns.size() == 1) {
            words = PersonNameKeys.words(patterns.iterator().next());
        }
        return new PersonNameMatcher(tag, List.copyOf(patterns), folded, words);
    }

    private static KeyMatcher number(int tag, String[] values) {
        List<BigDecimal> numbers = new ArrayList<>();
        for (String v : nonEmpty(values)) {
            BigDecimal n = NumberMatcher.parse(v);
            if (n == null) {
                throw invalid(tag, "is not a number");
            }
            numbers.add(n);
        }
        return new NumberMatcher(tag, List.copyOf(numbers));
    }

    private static KeyMatcher date(int tag, String[] values) {
        List<DateMatcher.Range> ranges = new ArrayList<>();
        for (String v : nonEmpty(values)) {
            int dash = v.indexOf('-');
            LocalDate from;
            LocalDate to;
            if (dash < 0) {
                from = to = parseDate(tag, v);
            } else {
                from = v.substring(0, dash).isBlank() ? null : parseDate(tag, v.substring(0, dash));
                to = v.substring(dash + 1).isBlank() ? null : parseDate(tag, v.substring(dash + 1));
                if (from == null && to == null) {
                    throw invalid(tag, "is a range without bounds");
                }
            }
            ranges.add(new DateMatcher.Range(from, to));
        }
        return new DateMatcher(tag, List.copyOf(ranges));
    }

    private static LocalDate parseDate(int tag, String s) {
        LocalDate d = DicomDates.parseDate(s);
        if (d == null) {
            throw invalid(tag, "is not a date or date range");
        }
        return d;
    }

    private static KeyMatcher time(int tag, String[] values) {
        List<TimeMatcher.Range> ranges = new ArrayList<>();
        for (String v : nonEmpty(values)) {
            int dash = v.indexOf('-');
            if (dash < 0) {
                DicomDates.Span<LocalTime> span = timeSpan(tag, v);
                ranges.add(new TimeMatcher.Range(span.first(), span.last()));
            } else {
                String a = v.substring(0, dash);
                String b = v.substring(dash + 1);
                if (a.isBlank() && b.isBlank()) {
                    throw invalid(tag, "is a range without bounds");
                }
                ranges.add(new TimeMatcher.Range(a.isBlank() ? null : timeSpan(tag, a).first(),
                        b.isBlank() ? null : timeSpan(tag, b).last()));
            }
        }
        return new TimeMatcher(tag, List.copyOf(ranges));
    }

    private static DicomDates.Span<LocalTime> timeSpan(int tag, String s) {
        DicomDates.Span<LocalTime> span = DicomDates.timeSpan(s);
        if (span == null) {
            throw invalid(tag, "is not a time or time range");
        }
        return span;
    }

    private static KeyMatcher dateTime(int tag, String[] values) {
        List<DateTimeMatcher.Range> ranges = new ArrayList<>();
        for (String v : nonEmpty(values)) {
            DicomDates.Span<LocalDateTime> whole = DicomDates.dateTimeSpan(v);
            if (whole != null) {
                ranges.add(new DateTimeMatcher.Range(whole.first(), whole.last()));
                continue;
            }
            DateTimeMatcher.Range range = null;
            for (int dash = v.indexOf('-'); dash >= 0 && range == null; dash = v.indexOf('-', dash + 1)) {
                range = dateTimeRange(v.substring(0, dash), v.substring(dash + 1));
            }
            if (range == null) {
                throw invalid(tag, "is not a date-time or date-time range");
            }
            ranges.add(range);
        }
        return new DateTimeMatcher(tag, List.copyOf(ranges));
    }

    // A '-' may also start an offset from UTC: the range separator is the one with valid sides.
    private static DateTimeMatcher.Range dateTimeRange(String a, String b) {
        if (a.isBlank() && b.isBlank()) {
            return null;
        }
        DicomDates.Span<LocalDateTime> from = a.isBlank() ? null : DicomDates.dateTimeSpan(a);
        DicomDates.Span<LocalDateTime> to = b.isBlank() ? null : DicomDates.dateTimeSpan(b);
        if ((!a.isBlank() && from == null) || (!b.isBlank() && to == null)) {
            return null;
        }
        return new DateTimeMatcher.Range(from == null ? null : from.first(), to == null ? null : to.last());
    }

    private static KeyMatcher sequence(Attributes ds, int tag, QueryOptions options) {
        Sequence seq = ds.getSequence(tag);
        if (seq == null || seq.isEmpty()) {
            return null;
        }
        List<KeyMatcher> itemMatchers = new ArrayList<>();
        Attributes item = seq.get(0);
        for (int i = 0; i < item.size(); i++) {
            if (item.tagAt(i) == Tag.SPECIFIC_CHARACTER_SET) {
                continue;
            }
            KeyMatcher m = of(item, i, options);
            if (m != null) {
                itemMatchers.add(m);
            }
        }
        return itemMatchers.isEmpty() ? null : new SequenceMatcher(tag, List.copyOf(itemMatchers));
    }

    /**
     * With combined datetime matching, a date key and its time key of the same range form become one
     * {@link CombinedDateTimeMatcher}; null if the pair does not qualify.
     */
    static CombinedDateTimeMatcher combine(KeyMatcher date, KeyMatcher time) {
        if (!(date instanceof DateMatcher d) || !(time instanceof TimeMatcher t)
                || d.ranges().size() != 1 || t.ranges().size() != 1) {
            return null;
        }
        DateMatcher.Range dr = d.ranges().get(0);
        TimeMatcher.Range tr = t.ranges().get(0);
        if ((dr.from() == null) != (tr.from() == null) || (dr.to() == null) != (tr.to() == null)
                || (dr.from() != null && dr.from().equals(dr.to()))) {
            return null; // not the same form of range matching (or single values, matched apart)
        }
        return new CombinedDateTimeMatcher(d.tag(), t.tag(),
                dr.from() == null ? null : dr.from().atTime(tr.from()),
                dr.to() == null ? null : dr.to().atTime(tr.to()));
    }

    static InvalidQueryException invalid(int tag, String what) {
        return new InvalidQueryException(tag, "Key " + Tag.toString(tag) + " " + what + " (PS3.4 C.2.2.2)");
    }
}
