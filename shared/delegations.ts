/**
 * Who may take the floor at the Assembly of States Parties to the Rome Statute of the
 * International Criminal Court: the States Parties, the observer States that usually attend, and
 * the organisations, civil society and organs of the Court that are usually given the floor.
 * Shipped data only; a programme file may add its own delegations.
 */

import type { Category } from './categories.ts';

/** Version of the shape and content of this list; raise it when entries change. */
export const DELEGATIONS_VERSION = 1;

/** ISO date as of which the list of States Parties below is stated. */
export const DELEGATIONS_AS_OF = '2026-11-01';

/** What the list reflects, in plain English, for the about page and exported files. */
export const DELEGATIONS_SOURCE_NOTE =
  'Lists the 124 States Parties to the Rome Statute as of 1 November 2026 (also 124 at the 2016 session), reflecting the withdrawals of Burundi (effective 27 October 2017), the Philippines (17 March 2019) and Hungary (2 June 2026) and the accessions of Kiribati (in force 2020), Armenia (2024) and Ukraine (1 January 2025). Burkina Faso, Mali and Niger, which announced their withdrawal in September 2025, are still listed because no notification of withdrawal was known to have been deposited by the end of 2025; accessions deposited in 2026 have not been checked.';

/** A delegation that may be put on the list of speakers, with its names in English and French. */
export interface Delegation {
  /** Stable id: lowercase ISO 3166-1 alpha-3 code for States, a short readable slug otherwise. */
  readonly id: string;
  /** English name, as used by the United Nations for States. */
  readonly en: string;
  /** French name, as used by the United Nations for States. */
  readonly fr: string;
  readonly category: Category;
  /** True when the delegation speaks on behalf of a group (a union of States, a coalition). */
  readonly group?: boolean;
}

/**
 * Every delegation Gavel ships, sorted by category (in the order of `CATEGORIES`) and then by
 * English name.
 */
export const DELEGATIONS: readonly Delegation[] = [
  { id: 'afg', en: 'Afghanistan', fr: 'Afghanistan', category: 'state-party' },
  { id: 'alb', en: 'Albania', fr: 'Albanie', category: 'state-party' },
  { id: 'and', en: 'Andorra', fr: 'Andorre', category: 'state-party' },
  { id: 'atg', en: 'Antigua and Barbuda', fr: 'Antigua-et-Barbuda', category: 'state-party' },
  { id: 'arg', en: 'Argentina', fr: 'Argentine', category: 'state-party' },
  { id: 'arm', en: 'Armenia', fr: 'Arménie', category: 'state-party' },
  { id: 'aus', en: 'Australia', fr: 'Australie', category: 'state-party' },
  { id: 'aut', en: 'Austria', fr: 'Autriche', category: 'state-party' },
  { id: 'bgd', en: 'Bangladesh', fr: 'Bangladesh', category: 'state-party' },
  { id: 'brb', en: 'Barbados', fr: 'Barbade', category: 'state-party' },
  { id: 'bel', en: 'Belgium', fr: 'Belgique', category: 'state-party' },
  { id: 'blz', en: 'Belize', fr: 'Belize', category: 'state-party' },
  { id: 'ben', en: 'Benin', fr: 'Bénin', category: 'state-party' },
  {
    id: 'bol',
    en: 'Bolivia (Plurinational State of)',
    fr: 'Bolivie (État plurinational de)',
    category: 'state-party',
  },
  { id: 'bih', en: 'Bosnia and Herzegovina', fr: 'Bosnie-Herzégovine', category: 'state-party' },
  { id: 'bwa', en: 'Botswana', fr: 'Botswana', category: 'state-party' },
  { id: 'bra', en: 'Brazil', fr: 'Brésil', category: 'state-party' },
  { id: 'bgr', en: 'Bulgaria', fr: 'Bulgarie', category: 'state-party' },
  { id: 'bfa', en: 'Burkina Faso', fr: 'Burkina Faso', category: 'state-party' },
  { id: 'cpv', en: 'Cabo Verde', fr: 'Cabo Verde', category: 'state-party' },
  { id: 'khm', en: 'Cambodia', fr: 'Cambodge', category: 'state-party' },
  { id: 'can', en: 'Canada', fr: 'Canada', category: 'state-party' },
  {
    id: 'caf',
    en: 'Central African Republic',
    fr: 'République centrafricaine',
    category: 'state-party',
  },
  { id: 'tcd', en: 'Chad', fr: 'Tchad', category: 'state-party' },
  { id: 'chl', en: 'Chile', fr: 'Chili', category: 'state-party' },
  { id: 'col', en: 'Colombia', fr: 'Colombie', category: 'state-party' },
  { id: 'com', en: 'Comoros', fr: 'Comores', category: 'state-party' },
  { id: 'cog', en: 'Congo', fr: 'Congo', category: 'state-party' },
  { id: 'cok', en: 'Cook Islands', fr: 'Îles Cook', category: 'state-party' },
  { id: 'cri', en: 'Costa Rica', fr: 'Costa Rica', category: 'state-party' },
  { id: 'civ', en: "Côte d'Ivoire", fr: "Côte d'Ivoire", category: 'state-party' },
  { id: 'hrv', en: 'Croatia', fr: 'Croatie', category: 'state-party' },
  { id: 'cyp', en: 'Cyprus', fr: 'Chypre', category: 'state-party' },
  { id: 'cze', en: 'Czechia', fr: 'Tchéquie', category: 'state-party' },
  {
    id: 'cod',
    en: 'Democratic Republic of the Congo',
    fr: 'République démocratique du Congo',
    category: 'state-party',
  },
  { id: 'dnk', en: 'Denmark', fr: 'Danemark', category: 'state-party' },
  { id: 'dji', en: 'Djibouti', fr: 'Djibouti', category: 'state-party' },
  { id: 'dma', en: 'Dominica', fr: 'Dominique', category: 'state-party' },
  { id: 'dom', en: 'Dominican Republic', fr: 'République dominicaine', category: 'state-party' },
  { id: 'ecu', en: 'Ecuador', fr: 'Équateur', category: 'state-party' },
  { id: 'slv', en: 'El Salvador', fr: 'El Salvador', category: 'state-party' },
  { id: 'est', en: 'Estonia', fr: 'Estonie', category: 'state-party' },
  { id: 'fji', en: 'Fiji', fr: 'Fidji', category: 'state-party' },
  { id: 'fin', en: 'Finland', fr: 'Finlande', category: 'state-party' },
  { id: 'fra', en: 'France', fr: 'France', category: 'state-party' },
  { id: 'gab', en: 'Gabon', fr: 'Gabon', category: 'state-party' },
  { id: 'gmb', en: 'Gambia', fr: 'Gambie', category: 'state-party' },
  { id: 'geo', en: 'Georgia', fr: 'Géorgie', category: 'state-party' },
  { id: 'deu', en: 'Germany', fr: 'Allemagne', category: 'state-party' },
  { id: 'gha', en: 'Ghana', fr: 'Ghana', category: 'state-party' },
  { id: 'grc', en: 'Greece', fr: 'Grèce', category: 'state-party' },
  { id: 'grd', en: 'Grenada', fr: 'Grenade', category: 'state-party' },
  { id: 'gtm', en: 'Guatemala', fr: 'Guatemala', category: 'state-party' },
  { id: 'gin', en: 'Guinea', fr: 'Guinée', category: 'state-party' },
  { id: 'guy', en: 'Guyana', fr: 'Guyana', category: 'state-party' },
  { id: 'hnd', en: 'Honduras', fr: 'Honduras', category: 'state-party' },
  { id: 'isl', en: 'Iceland', fr: 'Islande', category: 'state-party' },
  { id: 'irl', en: 'Ireland', fr: 'Irlande', category: 'state-party' },
  { id: 'ita', en: 'Italy', fr: 'Italie', category: 'state-party' },
  { id: 'jpn', en: 'Japan', fr: 'Japon', category: 'state-party' },
  { id: 'jor', en: 'Jordan', fr: 'Jordanie', category: 'state-party' },
  { id: 'ken', en: 'Kenya', fr: 'Kenya', category: 'state-party' },
  { id: 'kir', en: 'Kiribati', fr: 'Kiribati', category: 'state-party' },
  { id: 'lva', en: 'Latvia', fr: 'Lettonie', category: 'state-party' },
  { id: 'lso', en: 'Lesotho', fr: 'Lesotho', category: 'state-party' },
  { id: 'lbr', en: 'Liberia', fr: 'Libéria', category: 'state-party' },
  { id: 'lie', en: 'Liechtenstein', fr: 'Liechtenstein', category: 'state-party' },
  { id: 'ltu', en: 'Lithuania', fr: 'Lituanie', category: 'state-party' },
  { id: 'lux', en: 'Luxembourg', fr: 'Luxembourg', category: 'state-party' },
  { id: 'mdg', en: 'Madagascar', fr: 'Madagascar', category: 'state-party' },
  { id: 'mwi', en: 'Malawi', fr: 'Malawi', category: 'state-party' },
  { id: 'mdv', en: 'Maldives', fr: 'Maldives', category: 'state-party' },
  { id: 'mli', en: 'Mali', fr: 'Mali', category: 'state-party' },
  { id: 'mlt', en: 'Malta', fr: 'Malte', category: 'state-party' },
  { id: 'mhl', en: 'Marshall Islands', fr: 'Îles Marshall', category: 'state-party' },
  { id: 'mus', en: 'Mauritius', fr: 'Maurice', category: 'state-party' },
  { id: 'mex', en: 'Mexico', fr: 'Mexique', category: 'state-party' },
  { id: 'mng', en: 'Mongolia', fr: 'Mongolie', category: 'state-party' },
  { id: 'mne', en: 'Montenegro', fr: 'Monténégro', category: 'state-party' },
  { id: 'nam', en: 'Namibia', fr: 'Namibie', category: 'state-party' },
  { id: 'nru', en: 'Nauru', fr: 'Nauru', category: 'state-party' },
  {
    id: 'nld',
    en: 'Netherlands (Kingdom of the)',
    fr: 'Pays-Bas (Royaume des)',
    category: 'state-party',
  },
  { id: 'nzl', en: 'New Zealand', fr: 'Nouvelle-Zélande', category: 'state-party' },
  { id: 'ner', en: 'Niger', fr: 'Niger', category: 'state-party' },
  { id: 'nga', en: 'Nigeria', fr: 'Nigéria', category: 'state-party' },
  { id: 'mkd', en: 'North Macedonia', fr: 'Macédoine du Nord', category: 'state-party' },
  { id: 'nor', en: 'Norway', fr: 'Norvège', category: 'state-party' },
  { id: 'pan', en: 'Panama', fr: 'Panama', category: 'state-party' },
  { id: 'pry', en: 'Paraguay', fr: 'Paraguay', category: 'state-party' },
  { id: 'per', en: 'Peru', fr: 'Pérou', category: 'state-party' },
  { id: 'pol', en: 'Poland', fr: 'Pologne', category: 'state-party' },
  { id: 'prt', en: 'Portugal', fr: 'Portugal', category: 'state-party' },
  { id: 'kor', en: 'Republic of Korea', fr: 'République de Corée', category: 'state-party' },
  { id: 'mda', en: 'Republic of Moldova', fr: 'République de Moldova', category: 'state-party' },
  { id: 'rou', en: 'Romania', fr: 'Roumanie', category: 'state-party' },
  { id: 'kna', en: 'Saint Kitts and Nevis', fr: 'Saint-Kitts-et-Nevis', category: 'state-party' },
  { id: 'lca', en: 'Saint Lucia', fr: 'Sainte-Lucie', category: 'state-party' },
  {
    id: 'vct',
    en: 'Saint Vincent and the Grenadines',
    fr: 'Saint-Vincent-et-les Grenadines',
    category: 'state-party',
  },
  { id: 'wsm', en: 'Samoa', fr: 'Samoa', category: 'state-party' },
  { id: 'smr', en: 'San Marino', fr: 'Saint-Marin', category: 'state-party' },
  { id: 'sen', en: 'Senegal', fr: 'Sénégal', category: 'state-party' },
  { id: 'srb', en: 'Serbia', fr: 'Serbie', category: 'state-party' },
  { id: 'syc', en: 'Seychelles', fr: 'Seychelles', category: 'state-party' },
  { id: 'sle', en: 'Sierra Leone', fr: 'Sierra Leone', category: 'state-party' },
  { id: 'svk', en: 'Slovakia', fr: 'Slovaquie', category: 'state-party' },
  { id: 'svn', en: 'Slovenia', fr: 'Slovénie', category: 'state-party' },
  { id: 'zaf', en: 'South Africa', fr: 'Afrique du Sud', category: 'state-party' },
  { id: 'esp', en: 'Spain', fr: 'Espagne', category: 'state-party' },
  { id: 'pse', en: 'State of Palestine', fr: 'État de Palestine', category: 'state-party' },
  { id: 'sur', en: 'Suriname', fr: 'Suriname', category: 'state-party' },
  { id: 'swe', en: 'Sweden', fr: 'Suède', category: 'state-party' },
  { id: 'che', en: 'Switzerland', fr: 'Suisse', category: 'state-party' },
  { id: 'tjk', en: 'Tajikistan', fr: 'Tadjikistan', category: 'state-party' },
  { id: 'tls', en: 'Timor-Leste', fr: 'Timor-Leste', category: 'state-party' },
  { id: 'tto', en: 'Trinidad and Tobago', fr: 'Trinité-et-Tobago', category: 'state-party' },
  { id: 'tun', en: 'Tunisia', fr: 'Tunisie', category: 'state-party' },
  { id: 'uga', en: 'Uganda', fr: 'Ouganda', category: 'state-party' },
  { id: 'ukr', en: 'Ukraine', fr: 'Ukraine', category: 'state-party' },
  {
    id: 'gbr',
    en: 'United Kingdom of Great Britain and Northern Ireland',
    fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    category: 'state-party',
  },
  {
    id: 'tza',
    en: 'United Republic of Tanzania',
    fr: 'République-Unie de Tanzanie',
    category: 'state-party',
  },
  { id: 'ury', en: 'Uruguay', fr: 'Uruguay', category: 'state-party' },
  { id: 'vut', en: 'Vanuatu', fr: 'Vanuatu', category: 'state-party' },
  {
    id: 'ven',
    en: 'Venezuela (Bolivarian Republic of)',
    fr: 'Venezuela (République bolivarienne du)',
    category: 'state-party',
  },
  { id: 'zmb', en: 'Zambia', fr: 'Zambie', category: 'state-party' },
  { id: 'dza', en: 'Algeria', fr: 'Algérie', category: 'observer-state' },
  { id: 'bhr', en: 'Bahrain', fr: 'Bahreïn', category: 'observer-state' },
  { id: 'bdi', en: 'Burundi', fr: 'Burundi', category: 'observer-state' },
  { id: 'chn', en: 'China', fr: 'Chine', category: 'observer-state' },
  { id: 'cub', en: 'Cuba', fr: 'Cuba', category: 'observer-state' },
  { id: 'egy', en: 'Egypt', fr: 'Égypte', category: 'observer-state' },
  { id: 'vat', en: 'Holy See', fr: 'Saint-Siège', category: 'observer-state' },
  { id: 'hun', en: 'Hungary', fr: 'Hongrie', category: 'observer-state' },
  { id: 'ind', en: 'India', fr: 'Inde', category: 'observer-state' },
  { id: 'idn', en: 'Indonesia', fr: 'Indonésie', category: 'observer-state' },
  {
    id: 'irn',
    en: 'Iran (Islamic Republic of)',
    fr: "Iran (République islamique d')",
    category: 'observer-state',
  },
  { id: 'irq', en: 'Iraq', fr: 'Iraq', category: 'observer-state' },
  { id: 'isr', en: 'Israel', fr: 'Israël', category: 'observer-state' },
  { id: 'kwt', en: 'Kuwait', fr: 'Koweït', category: 'observer-state' },
  { id: 'lbn', en: 'Lebanon', fr: 'Liban', category: 'observer-state' },
  { id: 'lby', en: 'Libya', fr: 'Libye', category: 'observer-state' },
  { id: 'mys', en: 'Malaysia', fr: 'Malaisie', category: 'observer-state' },
  { id: 'mar', en: 'Morocco', fr: 'Maroc', category: 'observer-state' },
  { id: 'pak', en: 'Pakistan', fr: 'Pakistan', category: 'observer-state' },
  { id: 'phl', en: 'Philippines', fr: 'Philippines', category: 'observer-state' },
  { id: 'qat', en: 'Qatar', fr: 'Qatar', category: 'observer-state' },
  { id: 'rus', en: 'Russian Federation', fr: 'Fédération de Russie', category: 'observer-state' },
  { id: 'sau', en: 'Saudi Arabia', fr: 'Arabie saoudite', category: 'observer-state' },
  { id: 'sgp', en: 'Singapore', fr: 'Singapour', category: 'observer-state' },
  { id: 'lka', en: 'Sri Lanka', fr: 'Sri Lanka', category: 'observer-state' },
  { id: 'sdn', en: 'Sudan', fr: 'Soudan', category: 'observer-state' },
  { id: 'tha', en: 'Thailand', fr: 'Thaïlande', category: 'observer-state' },
  { id: 'tur', en: 'Türkiye', fr: 'Türkiye', category: 'observer-state' },
  { id: 'are', en: 'United Arab Emirates', fr: 'Émirats arabes unis', category: 'observer-state' },
  {
    id: 'usa',
    en: 'United States of America',
    fr: "États-Unis d'Amérique",
    category: 'observer-state',
  },
  { id: 'vnm', en: 'Viet Nam', fr: 'Viet Nam', category: 'observer-state' },
  { id: 'au', en: 'African Union', fr: 'Union africaine', category: 'organisation', group: true },
  {
    id: 'aalco',
    en: 'Asian-African Legal Consultative Organization (AALCO)',
    fr: "Organisation juridique consultative pour les pays d'Asie et d'Afrique",
    category: 'organisation',
  },
  {
    id: 'commonwealth',
    en: 'Commonwealth Secretariat',
    fr: 'Secrétariat du Commonwealth',
    category: 'organisation',
  },
  { id: 'coe', en: 'Council of Europe', fr: "Conseil de l'Europe", category: 'organisation' },
  {
    id: 'ecowas',
    en: 'Economic Community of West African States (ECOWAS)',
    fr: "Communauté économique des États de l'Afrique de l'Ouest (CEDEAO)",
    category: 'organisation',
  },
  { id: 'eu', en: 'European Union', fr: 'Union européenne', category: 'organisation', group: true },
  {
    id: 'eurojust',
    en: 'European Union Agency for Criminal Justice Cooperation (Eurojust)',
    fr: "Agence de l'Union européenne pour la coopération judiciaire en matière pénale (Eurojust)",
    category: 'organisation',
  },
  {
    id: 'genocide-network',
    en: 'European Union Genocide Network',
    fr: "Réseau Génocide de l'Union européenne",
    category: 'organisation',
  },
  {
    id: 'icmp',
    en: 'International Commission on Missing Persons (ICMP)',
    fr: 'Commission internationale pour les personnes disparues',
    category: 'organisation',
  },
  {
    id: 'icrc',
    en: 'International Committee of the Red Cross (ICRC)',
    fr: 'Comité international de la Croix-Rouge (CICR)',
    category: 'organisation',
  },
  {
    id: 'interpol',
    en: 'International Criminal Police Organization (INTERPOL)',
    fr: 'Organisation internationale de police criminelle (INTERPOL)',
    category: 'organisation',
  },
  {
    id: 'idlo',
    en: 'International Development Law Organization (IDLO)',
    fr: 'Organisation internationale de droit du développement (OIDD)',
    category: 'organisation',
  },
  {
    id: 'oif',
    en: 'International Organisation of La Francophonie (OIF)',
    fr: 'Organisation internationale de la Francophonie (OIF)',
    category: 'organisation',
  },
  {
    id: 'las',
    en: 'League of Arab States',
    fr: 'Ligue des États arabes',
    category: 'organisation',
  },
  {
    id: 'ohchr',
    en: 'Office of the United Nations High Commissioner for Human Rights (OHCHR)',
    fr: "Haut-Commissariat des Nations Unies aux droits de l'homme (HCDH)",
    category: 'organisation',
  },
  {
    id: 'oas',
    en: 'Organization of American States (OAS)',
    fr: 'Organisation des États américains (OEA)',
    category: 'organisation',
  },
  {
    id: 'un',
    en: 'United Nations',
    fr: 'Organisation des Nations Unies',
    category: 'organisation',
  },
  {
    id: 'minusca',
    en: 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic (MINUSCA)',
    fr: 'Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation en République centrafricaine (MINUSCA)',
    category: 'organisation',
  },
  {
    id: 'unodc',
    en: 'United Nations Office on Drugs and Crime (UNODC)',
    fr: 'Office des Nations Unies contre la drogue et le crime (ONUDC)',
    category: 'organisation',
  },
  {
    id: 'amnesty',
    en: 'Amnesty International',
    fr: 'Amnesty International',
    category: 'civil-society',
  },
  {
    id: 'asf',
    en: 'Avocats Sans Frontières',
    fr: 'Avocats Sans Frontières',
    category: 'civil-society',
  },
  {
    id: 'cicc',
    en: 'Coalition for the International Criminal Court (CICC)',
    fr: 'Coalition pour la Cour pénale internationale (CCPI)',
    category: 'civil-society',
    group: true,
  },
  { id: 'hrw', en: 'Human Rights Watch', fr: 'Human Rights Watch', category: 'civil-society' },
  {
    id: 'iss',
    en: 'Institute for Security Studies (ISS)',
    fr: "Institut d'études de sécurité (ISS)",
    category: 'civil-society',
  },
  {
    id: 'iba',
    en: 'International Bar Association (IBA)',
    fr: 'Association internationale du barreau (IBA)',
    category: 'civil-society',
  },
  {
    id: 'ictj',
    en: 'International Center for Transitional Justice (ICTJ)',
    fr: 'Centre international pour la justice transitionnelle (ICTJ)',
    category: 'civil-society',
  },
  {
    id: 'fidh',
    en: 'International Federation for Human Rights (FIDH)',
    fr: 'Fédération internationale pour les droits humains (FIDH)',
    category: 'civil-society',
  },
  {
    id: 'ljl',
    en: 'Lawyers for Justice in Libya',
    fr: 'Lawyers for Justice in Libya',
    category: 'civil-society',
  },
  {
    id: 'npwj',
    en: 'No Peace Without Justice',
    fr: 'Pas de paix sans justice',
    category: 'civil-society',
  },
  {
    id: 'osji',
    en: 'Open Society Justice Initiative',
    fr: 'Open Society Justice Initiative',
    category: 'civil-society',
  },
  {
    id: 'pga',
    en: 'Parliamentarians for Global Action (PGA)',
    fr: 'Action mondiale des parlementaires (AMP)',
    category: 'civil-society',
  },
  { id: 'redress', en: 'REDRESS', fr: 'REDRESS', category: 'civil-society' },
  { id: 'trial', en: 'TRIAL International', fr: 'TRIAL International', category: 'civil-society' },
  {
    id: 'wigj',
    en: "Women's Initiatives for Gender Justice",
    fr: "Women's Initiatives for Gender Justice",
    category: 'civil-society',
  },
  { id: 'icc-otp', en: 'Office of the Prosecutor', fr: 'Bureau du Procureur', category: 'court' },
  {
    id: 'icc-presidency',
    en: 'Presidency of the International Criminal Court',
    fr: 'Présidence de la Cour pénale internationale',
    category: 'court',
  },
  {
    id: 'asp-bureau',
    en: 'President and Bureau of the Assembly of States Parties',
    fr: "Président et Bureau de l'Assemblée des États Parties",
    category: 'court',
  },
  {
    id: 'icc-registry',
    en: 'Registry of the International Criminal Court',
    fr: 'Greffe de la Cour pénale internationale',
    category: 'court',
  },
  {
    id: 'icc-tfv',
    en: 'Trust Fund for Victims',
    fr: 'Fonds au profit des victimes',
    category: 'court',
  },
];

const BY_ID: ReadonlyMap<string, Delegation> = new Map(DELEGATIONS.map((d) => [d.id, d]));

/** The shipped delegation with this id, or `undefined` when there is none. Pure. */
export function findDelegation(id: string): Delegation | undefined {
  return BY_ID.get(id);
}

/** The name of a delegation in the given language. Pure. */
export function delegationName(d: Delegation, lang: 'en' | 'fr'): string {
  return lang === 'fr' ? d.fr : d.en;
}
