// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pacs.dicom.json.JsonSemanticDiff.Difference;

/**
 * The differences from dcm2json that docs/conformance-corpus.md justifies, one per line of
 * {@code scripts/corpus/known-differences.tsv}: a file name pattern, a pattern for the attribute path,
 * one for the description, and the reason. A difference is accepted only if a line matches it; a line
 * that matches nothing in a whole run is stale and fails the run, so the list cannot outlive the bugs.
 */
final class KnownDifferences {
    record Rule(Pattern file, Pattern path, Pattern description, String reason) {
        boolean matches(String name, Difference d) {
            return file.matcher(name).matches() && path.matcher(d.path()).matches()
                    && description.matcher(d.description()).matches();
        }

        @Override
        public String toString() {
            return file.pattern() + "\t" + path.pattern() + "\t" + description.pattern() + "\t" + reason;
        }
    }

    private final List<Rule> rules;
    private final Set<Rule> used = new LinkedHashSet<>();

    private KnownDifferences(List<Rule> rules) {
        this.rules = rules;
    }

    static KnownDifferences load() throws IOException {
        Path tsv = Corpus.repositoryRoot().resolve("scripts/corpus/known-differences.tsv");
        List<Rule> rules = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalStateException("known-differences.tsv: expected 4 tab-separated fields: " + line);
            }
            rules.add(new Rule(Pattern.compile(f[0]), Pattern.compile(f[1]), Pattern.compile(f[2]), f[3]));
        }
        return new KnownDifferences(rules);
    }

    /** The differences no rule justifies; marks the rules that matched as used. */
    synchronized List<Difference> unexplained(String name, List<Difference> differences) {
        List<Difference> left = new ArrayList<>();
        for (Difference d : differences) {
            Rule rule = rules.stream().filter(r -> r.matches(name, d)).findFirst().orElse(null);
            if (rule == null) {
                left.add(d);
            } else {
                used.add(rule);
            }
        }
        return left;
    }

    /** Rules no difference needed: the bug they excuse is gone, or the pattern is wrong. */
    synchronized List<Rule> unused() {
        return rules.stream().filter(r -> !used.contains(r)).toList();
    }
}
