// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/** Key rings for tests: a fixed secret and an Argon2id cost cheap enough for many opens. */
public final class TestKeys {

    /** Production uses {@link KdfParameters#RECOMMENDED}; tests open key rings often. */
    public static final KdfParameters FAST_KDF = new KdfParameters(1024, 1, 1);

    public static final String SECRET = "test-secret-of-more-than-sixteen-characters";

    private TestKeys() {
    }

    public static KeyRing open(Path dataDir) throws IOException {
        return KeyRing.open(dataDir, KekSecretSource.environmentVariable("K", Map.of("K", SECRET)::get), FAST_KDF)
                .keyRing();
    }
}
