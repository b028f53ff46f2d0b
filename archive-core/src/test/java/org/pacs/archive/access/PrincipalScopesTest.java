// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.TestHeaders;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryRequest;
import org.pacs.archive.query.QueryResults;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * Against a small catalog:
 * <pre>
 * A1 patient P1 2024-01-10 referring SMITH^ANNA
 * A0 patient P1 2023-05-01 referring JONES^TOM      (prior of A1)
 * A2 patient P1 2024-06-01 referring JONES^TOM      (later than A1: not a prior)
 * A3 patient P1 no date    referring JONES^TOM      (no date: not a prior)
 * B1 patient P2 2024-02-02 referring JONES^TOM      (shared with dr-smith in some tests)
 * B0 patient P2 2020-01-01 referring JONES^TOM      (prior of B1)
 * C1 patient P3 2022-01-01 referring JONES^TOM      (unrelated)
 * </pre>
 */
class PrincipalScopesTest {

    @TempDir
    static Path dir;
    static Catalog catalog;
    static QueryEngine engine;
    static final Map<String, String> UIDS = new LinkedHashMap<>();
    static final Map<String, String> KEYS = new HashMap<>();

    static final Principal SMITH = new Principal("dr-smith", Set.of(Role.REFERRING_PHYSICIAN), Set.of("Smith^Anna"));

    @BeforeAll
    static void record() {
        catalog = TestHeaders.open(dir, TestHeaders.secrets());
        engine = new QueryEngine(catalog);
        add("A1", "P1", "20240110", "SMITH^ANNA");
        add("A0", "P1", "20230501", "JONES^TOM");
        add("A2", "P1", "20240601", "JONES^TOM");
        add("A3", "P1", null, "JONES^TOM");
        add("B1", "P2", "20240202", "JONES^TOM");
        add("B0", "P2", "20200101", "JONES^TOM");
        add("C1", "P3", "20220101", "JONES^TOM");
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    static void add(String key, String patientId, String date, String referring) {
        String uid = TestHeaders.uid();
        UIDS.put(key, uid);
        KEYS.put(uid, key);
        Attributes ds = TestHeaders.instance(patientId, "DOE^JOHN", uid, TestHeaders.uid());
        if (date != null) {
            ds.setString(Tags.StudyDate, VR.DA, date);
        }
        ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
        TestHeaders.record(catalog, ds);
    }

    static Set<String> visible(AccessScope scope) {
        Attributes keys = new Attributes();
        keys.setNull(Tags.StudyInstanceUID, VR.UI);
        Set<String> out = new TreeSet<>();
        try (QueryResults r = engine.query(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                keys, scope))) {
            r.forEachRemaining(a -> out.add(KEYS.get(a.getString(Tags.StudyInstanceUID))));
        }
        return out;
    }

    static PrincipalScopes scopes(SharedStudies shares, boolean priors) {
        return new PrincipalScopes(shares, priors ? new PriorStudies(catalog, engine) : null);
    }

    @Nested
    class Roles {
        @Test
        void adminAndRadiologistSeeEverything() throws IOException {
            for (Role r : Set.of(Role.ADMIN, Role.RADIOLOGIST)) {
                assertSame(AccessScope.all(), scopes(SharedStudies.NONE, true)
                        .scopeOf(new Principal("x", Set.of(r), Set.of())));
            }
        }

        @Test
        void uploaderAuditorAndNoRoleSeeNothingEvenWithAMatchingName() throws IOException {
            for (Set<Role> roles : Set.of(Set.of(Role.UPLOADER), Set.of(Role.AUDITOR), Set.<Role>of())) {
                AccessScope s = scopes(u -> Set.of(UIDS.get("C1")), true)
                        .scopeOf(new Principal("x", roles, Set.of("SMITH^ANNA")));
                assertEquals(Set.of(), visible(s), roles.toString());
            }
        }

        @Test
        void nullPrincipalSeesNothing() throws IOException {
            assertSame(AccessScope.none(), scopes(SharedStudies.NONE, false).scopeOf(null));
        }
    }

    @Nested
    class ReferringPhysician {
        @Test
        void seesStudiesReferredUnderTheirNames() throws IOException {
            assertEquals(Set.of("A1"), visible(scopes(SharedStudies.NONE, false).scopeOf(SMITH)));
        }

        @Test
        void seesStudiesSharedWithThemOnly() throws IOException {
            SharedStudies shares = u -> u.equals("dr-smith") ? Set.of(UIDS.get("B1")) : Set.of();
            assertEquals(Set.of("A1", "B1"), visible(scopes(shares, false).scopeOf(SMITH)));
            Principal jones = new Principal("dr-jones", Set.of(Role.REFERRING_PHYSICIAN), Set.of());
            assertEquals(Set.of(), visible(scopes(shares, false).scopeOf(jones)));
        }

        @Test
        void withPriorStudiesAlsoSeesEarlierStudiesOfTheSamePatients() throws IOException {
            SharedStudies shares = u -> Set.of(UIDS.get("B1"));
            assertEquals(Set.of("A0", "A1", "B0", "B1"), visible(scopes(shares, true).scopeOf(SMITH)));
        }

        @Test
        void priorsNeverIncludeLaterOrUndatedStudies() throws IOException {
            Set<String> seen = visible(scopes(SharedStudies.NONE, true).scopeOf(SMITH));
            assertFalse(seen.contains("A2"));
            assertFalse(seen.contains("A3"));
            assertTrue(seen.contains("A0"));
        }

        @Test
        void anUnreadableShareStoreRefusesRatherThanGuesses() {
            SharedStudies broken = u -> {
                throw new IOException("sealed file altered");
            };
            assertThrows(java.io.UncheckedIOException.class, () -> scopes(broken, false).scopeOf(SMITH));
        }

        @Test
        void withoutNamesOrSharesThereAreNoPriors() throws IOException {
            Principal nobody = new Principal("dr-new", Set.of(Role.REFERRING_PHYSICIAN), Set.of());
            assertEquals(Set.of(), visible(scopes(SharedStudies.NONE, true).scopeOf(nobody)));
        }
    }
}
