-- SPDX-License-Identifier: Apache-2.0
-- The catalog as the first release created it (Hibernate's schema for the entities of
-- org.pacs.archive.catalog, PostgreSQL dialect). Never edit a released migration: add V<n+1>__what.sql.

create sequence instance_seq start with 1 increment by 50;

create sequence patient_seq start with 1 increment by 50;

create sequence series_seq start with 1 increment by 50;

create sequence study_seq start with 1 increment by 50;

create table instance (
    instance_number integer,
    blob_size bigint not null,
    blob_stored_size bigint not null,
    id bigint not null,
    series_id bigint not null,
    stored_at timestamp(6) with time zone not null,
    blob_id varchar(64) not null,
    blob_sha256 varchar(64) not null,
    sop_class_uid varchar(64) not null,
    sop_instance_uid varchar(64) not null unique,
    transfer_syntax_uid varchar(64) not null,
    specific_character_set varchar(256),
    blob_identity varchar(1024) not null,
    primary key (id)
);

create table instance_header (
    id bigint not null,
    data bytea not null,
    primary key (id)
);

create table patient (
    patient_birth_date date,
    header_instance_id bigint not null,
    id bigint not null,
    version bigint not null,
    patient_sex varchar(16),
    issuer_of_patient_id varchar(64) not null,
    patient_id varchar(64),
    patient_family_name varchar(256),
    patient_given_name varchar(256),
    patient_middle_name varchar(256),
    patient_name_prefix varchar(256),
    patient_name_suffix varchar(256),
    patient_ideographic_name varchar(512),
    patient_phonetic_name varchar(512),
    patient_name varchar(1024),
    primary key (id),
    constraint uk_patient_id_issuer unique (patient_id, issuer_of_patient_id)
);

create table series (
    number_of_series_related_instances integer not null,
    series_number integer,
    header_instance_id bigint not null,
    id bigint not null,
    study_id bigint not null,
    version bigint not null,
    modality varchar(16),
    body_part_examined varchar(64),
    series_instance_uid varchar(64) not null unique,
    series_description varchar(1024),
    primary key (id)
);

create table study (
    number_of_study_related_instances integer not null,
    number_of_study_related_series integer not null,
    study_date date,
    study_time time(6),
    created_at timestamp(6) with time zone,
    header_instance_id bigint not null,
    id bigint not null,
    patient_id bigint not null,
    updated_at timestamp(6) with time zone,
    version bigint not null,
    accession_number varchar(64),
    study_id varchar(64),
    study_instance_uid varchar(64) not null unique,
    modalities_in_study varchar(1024),
    referring_physician_name varchar(1024),
    study_description varchar(1024),
    sop_classes_in_study varchar(4096),
    primary key (id)
);

create index ix_instance_series 
   on instance (series_id);

create index ix_series_study 
   on series (study_id);

create index ix_study_patient 
   on study (patient_id);

alter table instance 
   add constraint fk_instance_series 
   foreign key (series_id) 
   references series;

alter table instance_header 
   add constraint fk_instance_header_instance 
   foreign key (id) 
   references instance;

alter table series 
   add constraint fk_series_study 
   foreign key (study_id) 
   references study;

alter table study 
   add constraint fk_study_patient 
   foreign key (patient_id) 
   references patient;
