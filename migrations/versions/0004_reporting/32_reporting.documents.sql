-- grain: one row per source document of a campaign: where every fact was
-- read, with its provenance and licence (the attribution a reuse owes).

create view reporting.documents as

select
    campaigns.slug as campaign,
    documents.slug as document_slug,
    documents.kind,
    documents.title,
    documents.publisher,
    documents.url,
    documents.licence,
    documents.retrieved_on,
    documents.sha256,
    length(documents.content) as characters,
    campaigns.version as campaign_version
from core.documents as documents
inner join core.campaigns as campaigns
    on campaigns.campaign_id = documents.campaign_id;

comment on view reporting.documents is
'The source documents of every campaign: one row per document, with its title, publisher, address, licence, retrieval date and SHA-256. Every claim, denial, corroboration, loss and gazetteer quote was read from one of them; reuse of the data must respect and name their licences.';
comment on column reporting.documents.campaign is 'The campaign the document belongs to.';
comment on column reporting.documents.document_slug is 'The document''s natural key within its campaign.';
comment on column reporting.documents.kind is 'account (the account itself, with a narrative voice) or gazetteer (cited only for place facts).';
comment on column reporting.documents.title is 'The document''s title.';
comment on column reporting.documents.publisher is 'Who published the copy that was read.';
comment on column reporting.documents.url is 'Where it was read; null when not recorded.';
comment on column reporting.documents.licence is 'The document''s licence (e.g. CC BY-SA 4.0).';
comment on column reporting.documents.retrieved_on is 'When it was read; null when not recorded.';
comment on column reporting.documents.sha256 is 'SHA-256 of the document''s text: the exact version every quote was checked against.';
comment on column reporting.documents.characters is 'Length of the document''s text, in characters.';
comment on column reporting.documents.campaign_version is 'The dataset version of the campaign the document belongs to.';
