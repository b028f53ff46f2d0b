// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameKeysTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Doe^John|Doe^John",
        "Doe^John^^^|Doe^John",
        "' Doe ^ John '|Doe^John",
        "Doe^John^^^=|Doe^John",
        "=山田^太郎|=山田^太郎",
        "Doe*|Doe*",
    })
    void removesPaddingAndTrailingEmptyComponentsAndGroups(String value, String cleaned) {
        assertEquals(cleaned, PersonNameKeys.clean(value));
    }

    @Test
    void keysAreTheWholeNameAndEachComponentGroup() {
        assertEquals(List.of("Yamada^Tarou=山田^太郎=やまだ^たろう", "Yamada^Tarou", "山田^太郎", "やまだ^たろう"),
                PersonNameKeys.exactKeys("Yamada^Tarou=山田^太郎=やまだ^たろう"));
        assertEquals(List.of("Doe^John"), PersonNameKeys.exactKeys("Doe^John^^"));
        assertEquals(List.of(), PersonNameKeys.exactKeys("^^="));
    }

    @Test
    void foldingIgnoresCaseAndAccents() {
        assertEquals("MULLER^ZOE", PersonNameKeys.fold("Müller^Zoë"));
        assertEquals(List.of("MULLER^ZOE"), PersonNameKeys.foldedKeys("müller^zoë^^"));
    }

    @Test
    void wordsSplitComponentsAndSpaces() {
        assertEquals(List.of("VAN", "DER", "BERG", "ANNA"), PersonNameKeys.words("van der Berg^Anna"));
    }
}
