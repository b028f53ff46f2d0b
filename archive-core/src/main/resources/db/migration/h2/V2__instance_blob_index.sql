-- SPDX-License-Identifier: Apache-2.0
-- Recovery asks whether an instance references a blob (Catalog.referencesBlob) for every journaled
-- object: without an index that is a scan of every instance.

create index ix_instance_blob on instance (blob_id);
