// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilterFactory;
import org.apache.lucene.analysis.pattern.PatternTokenizerFactory;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzer for fuzzy person-name matching: words split at component and group delimiters and
 * spaces, folded to lower-case ASCII. The Lucene backend predefines no such analyzer.
 */
public final class IndexAnalysis implements LuceneAnalysisConfigurer {
    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(StudyIndexFields.PERSON_NAME_WORDS_ANALYZER).custom()
                .tokenizer(PatternTokenizerFactory.class).param("pattern", "[\\^=\\s,.]+")
                .tokenFilter(ASCIIFoldingFilterFactory.class)
                .tokenFilter(LowerCaseFilterFactory.class);
    }
}
