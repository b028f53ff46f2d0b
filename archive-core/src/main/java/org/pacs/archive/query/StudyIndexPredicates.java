// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.pacs.archive.index.StudyIndexFields.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleBooleanPredicateClausesStep;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.dicom.dict.Tags;

/**
 * Translates patient- and study-level matchers into predicates on the study index, where a field
 * answers them exactly as the matcher would ({@link KeyMatcher#matches}); the others stay for the
 * header. The access scope becomes a filter, so hidden studies never reach a count or a page.
 */
final class StudyIndexPredicates {
    private static final Map<Integer, String> FIELDS = Map.ofEntries(
            Map.entry(Tags.PatientID, PATIENT_ID),
            Map.entry(Tags.IssuerOfPatientID, ISSUER_OF_PATIENT_ID),
            Map.entry(Tags.PatientName, PATIENT_NAME),
            Map.entry(Tags.PatientBirthDate, PATIENT_BIRTH_DATE),
            Map.entry(Tags.PatientSex, PATIENT_SEX),
            Map.entry(Tags.StudyInstanceUID, STUDY_INSTANCE_UID),
            Map.entry(Tags.StudyDate, STUDY_DATE),
            Map.entry(Tags.StudyTime, STUDY_TIME),
            Map.entry(Tags.AccessionNumber, ACCESSION_NUMBER),
            Map.entry(Tags.StudyID, STUDY_ID),
            Map.entry(Tags.StudyDescription, STUDY_DESCRIPTION),
            Map.entry(Tags.ReferringPhysicianName, REFERRING_PHYSICIAN_NAME),
            Map.entry(Tags.ModalitiesInStudy, MODALITIES_IN_STUDY),
            Map.entry(Tags.SOPClassesInStudy, SOP_CLASSES_IN_STUDY));

    private StudyIndexPredicates() {
    }

    /** True if the index answers {@code m} exactly. */
    static boolean indexed(KeyMatcher m) {
        String field = FIELDS.get(m.tag());
        if (field == null) {
            return false;
        }
        return switch (m) {
            case TextMatcher t -> true;
            case UidListMatcher u -> true;
            case PersonNameMatcher p -> true;
            case DateMatcher d -> true;
            case TimeMatcher t -> true;
            case CombinedDateTimeMatcher c -> c.tag() == Tags.StudyDate && c.timeTag() == Tags.StudyTime;
            default -> false;
        };
    }

    /** Splits matchers into those the index answers and those left for the header. */
    static List<KeyMatcher> residual(List<KeyMatcher> matchers, List<KeyMatcher> indexedOut) {
        List<KeyMatcher> residual = new ArrayList<>();
        for (KeyMatcher m : matchers) {
            (indexed(m) ? indexedOut : residual).add(m);
        }
        return residual;
    }

    static PredicateFinalStep predicate(SearchPredicateFactory f, List<KeyMatcher> indexed, AccessScope scope) {
        SimpleBooleanPredicateClausesStep<?, ?> and = f.and();
        and.add(f.matchAll());
        for (KeyMatcher m : indexed) {
            and.add(predicate(f, m));
        }
        if (!scope.isAll()) {
            and.add(scope(f, scope));
        }
        return and;
    }

    private static PredicateFinalStep scope(SearchPredicateFactory f, AccessScope scope) {
        if (scope.referringPhysicianKeys().isEmpty() && scope.studyInstanceUids().isEmpty()) {
            return f.matchNone();
        }
        SimpleBooleanPredicateClausesStep<?, ?> or = f.or();
        if (!scope.referringPhysicianKeys().isEmpty()) {
            or.add(f.terms().field(REFERRING_PHYSICIAN_NAME + FOLDED).matchingAny(scope.referringPhysicianKeys()));
        }
        if (!scope.studyInstanceUids().isEmpty()) {
            or.add(f.terms().field(STUDY_INSTANCE_UID).matchingAny(scope.studyInstanceUids()));
        }
        return or;
    }

    private static PredicateFinalStep predicate(SearchPredicateFactory f, KeyMatcher m) {
        String field = FIELDS.get(m.tag());
        return switch (m) {
            case TextMatcher t -> anyPattern(f, field, t.patterns(), t.wildcards());
            case UidListMatcher u -> f.terms().field(field).matchingAny(u.uids());
            case PersonNameMatcher p -> personName(f, field, p);
            case DateMatcher d -> {
                SimpleBooleanPredicateClausesStep<?, ?> or = f.or();
                for (DateMatcher.Range r : d.ranges()) {
                    or.add(r.isEmpty() ? f.matchNone() : range(f, field, r.from(), r.to()));
                }
                yield or;
            }
            case TimeMatcher t -> {
                SimpleBooleanPredicateClausesStep<?, ?> or = f.or();
                for (TimeMatcher.Range r : t.ranges()) {
                    or.add(r.isEmpty() ? f.matchNone() : range(f, field, r.from(), r.to()));
                }
                yield or;
            }
            case CombinedDateTimeMatcher c -> {
                // The study's span [start, end] meets the range: start <= to and end >= from.
                SimpleBooleanPredicateClausesStep<?, ?> and = f.and();
                and.add(f.exists().field(STUDY_START));
                if (c.to() != null) {
                    and.add(f.range().field(STUDY_START).atMost(c.to()));
                }
                if (c.from() != null) {
                    and.add(f.range().field(STUDY_END).atLeast(c.from()));
                }
                yield and;
            }
            default -> throw new IllegalArgumentException("not an indexed matcher: " + m.getClass().getSimpleName());
        };
    }

    private static PredicateFinalStep range(SearchPredicateFactory f, String field, Object from, Object to) {
        if (from != null && to != null) {
            return f.range().field(field).between(from, to);
        }
        return from != null ? f.range().field(field).atLeast(from) : f.range().field(field).atMost(to);
    }

    private static PredicateFinalStep anyPattern(SearchPredicateFactory f, String field, List<String> patterns,
            boolean wildcards) {
        SimpleBooleanPredicateClausesStep<?, ?> or = f.or();
        for (String p : patterns) {
            or.add(wildcards && Glob.hasWildcard(p)
                    ? f.wildcard().field(field).matching(p)
                    : f.match().field(field).matching(p));
        }
        return or;
    }

    private static PredicateFinalStep personName(SearchPredicateFactory f, String field, PersonNameMatcher p) {
        if (p.fuzzy()) {
            SimpleBooleanPredicateClausesStep<?, ?> and = f.and();
            for (String word : p.fuzzyWords()) {
                int edits = PersonNameMatcher.maxEdits(word);
                var match = f.match().field(field + WORDS).matching(word);
                and.add(edits == 0 ? match : match.fuzzy(edits));
            }
            return and;
        }
        return anyPattern(f, p.folded() ? field + FOLDED : field, p.patterns(), true);
    }
}
