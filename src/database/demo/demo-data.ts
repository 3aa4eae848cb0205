/**
 * Demo data loaded by the default start. Everything here comes from the seed document,
 * the summary of conclusions of the CEB second regular session of 2006 (New York, 27 October 2006).
 * Where the seed is silent (who leads a commitment, which country a theme group works in,
 * baselines and targets of indicators, reporting cycles, the agencies' activity reports and their
 * figures), the data is illustrative and says so. The reporting cycles are placed around the day
 * the data is loaded (demo-calendar.ts), with the reports' histories dated to match.
 * No real person is named: executive heads are referred to by their function.
 */
import type { ActivityReportState } from '../../reporting/activity-report-state';
import { addDays, type DemoCalendar, demoCalendar } from './demo-calendar';
import type { DemoActivityReport, DemoAgency, DemoCycle, DemoData, DemoFramework, DemoReportStep, IsoDate } from './demo-data.types';

const ILLUSTRATIVE_LEADS = '(Lead and contributing agencies are illustrative; the seed does not assign them.)';
const ILLUSTRATIVE_CONTRIBUTORS = '(Contributing agencies are illustrative; the seed names only the lead.)';
const ILLUSTRATIVE_CYCLES =
  "The reporting cycles and the activity reports are illustrative: the seed sets no reporting dates and records no agency's report, so the demo places its cycles around the day it was loaded.";
const ILLUSTRATIVE_REPORT =
  "(Illustrative: the seed records the Board's conclusions, not the agencies' reports on them; this report, its dates and its figures are invented for the demo.)";

/** A framework as the seed gives it; its reporting cycles come from the load date (demo-calendar.ts). */
type FrameworkContent = Omit<DemoFramework, 'cycles'>;

export const demoAgencies: DemoAgency[] = [
  {
    code: 'CEB',
    name: 'Secretariat of the United Nations System Chief Executives Board for Coordination',
    kind: 'office',
    demoUsers: true,
  },
  { code: 'FAO', name: 'Food and Agriculture Organization of the United Nations', kind: 'specialized_agency', demoUsers: true },
  { code: 'IFAD', name: 'International Fund for Agricultural Development', kind: 'specialized_agency', demoUsers: true },
  { code: 'WFP', name: 'World Food Programme', kind: 'programme', demoUsers: true },
  { code: 'ILO', name: 'International Labour Organization', kind: 'specialized_agency', demoUsers: true },
  { code: 'UNHCR', name: 'Office of the United Nations High Commissioner for Refugees', kind: 'programme', demoUsers: false },
  { code: 'ICAO', name: 'International Civil Aviation Organization', kind: 'specialized_agency', demoUsers: false },
  {
    code: 'UNESCO',
    name: 'United Nations Educational, Scientific and Cultural Organization',
    kind: 'specialized_agency',
    demoUsers: true,
  },
  { code: 'UN-HABITAT', name: 'United Nations Human Settlements Programme', kind: 'programme', demoUsers: false },
  { code: 'UNWTO', name: 'World Tourism Organization', kind: 'specialized_agency', demoUsers: false },
  { code: 'UPU', name: 'Universal Postal Union', kind: 'specialized_agency', demoUsers: false },
  { code: 'UNEP', name: 'United Nations Environment Programme', kind: 'programme', demoUsers: false },
  { code: 'UNIDO', name: 'United Nations Industrial Development Organization', kind: 'specialized_agency', demoUsers: false },
  { code: 'DESA', name: 'Department of Economic and Social Affairs of the United Nations Secretariat', kind: 'department', demoUsers: true },
  {
    code: 'UNRWA',
    name: 'United Nations Relief and Works Agency for Palestine Refugees in the Near East',
    kind: 'programme',
    demoUsers: false,
  },
  { code: 'WHO', name: 'World Health Organization', kind: 'specialized_agency', demoUsers: true },
  { code: 'UNICEF', name: "United Nations Children's Fund", kind: 'fund', demoUsers: true },
  { code: 'ITU', name: 'International Telecommunication Union', kind: 'specialized_agency', demoUsers: false },
  { code: 'UNU', name: 'United Nations University', kind: 'office', demoUsers: false },
  { code: 'UNFPA', name: 'United Nations Population Fund', kind: 'fund', demoUsers: false },
  { code: 'UNODC', name: 'United Nations Office on Drugs and Crime', kind: 'office', demoUsers: false },
  { code: 'DSS', name: 'Department of Safety and Security of the United Nations Secretariat', kind: 'department', demoUsers: false },
  {
    code: 'OHRLLS',
    name: 'Office of the High Representative for the Least Developed Countries, Landlocked Developing Countries and Small Island Developing States',
    kind: 'office',
    demoUsers: true,
  },
  {
    code: 'OSAGI',
    name: 'Office of the Special Adviser on Gender Issues and the Advancement of Women',
    kind: 'office',
    demoUsers: true,
  },
  { code: 'UNSSC', name: 'United Nations System Staff College', kind: 'office', demoUsers: false },
  { code: 'WORLDBANK', name: 'World Bank', kind: 'specialized_agency', demoUsers: false },
  { code: 'IMF', name: 'International Monetary Fund', kind: 'specialized_agency', demoUsers: false },
  { code: 'WTO', name: 'World Trade Organization', kind: 'related_organization', demoUsers: false },
  { code: 'UNDP', name: 'United Nations Development Programme', kind: 'programme', demoUsers: true },
];

// ---------------------------------------------------------------------------------------------
// 1. Brussels Programme of Action for the Least Developed Countries (paras. 10, 29-34)
// ---------------------------------------------------------------------------------------------

const bpoa: FrameworkContent = {
  code: 'BPoA',
  kind: 'programme',
  title: 'Brussels Programme of Action for the Least Developed Countries for the Decade 2001-2010',
  description:
    'Follow-up within the United Nations system to the outcome of the midterm review of the Brussels Programme of Action by the General Assembly. ' +
    'The General Assembly stressed that the timely fulfilment of the seven commitments of the Programme of Action is a key requirement for achieving the internationally agreed development goals, including the Millennium Development Goals (resolution 61/1), and called upon the United Nations system to continue to assist in its implementation.\n\n' +
    'CEB endorsed the three-pronged approach proposed by the High Representative for the Least Developed Countries, Landlocked Developing Countries and Small Island Developing States (paras. 32 and 34): ' +
    '(a) system organizations redouble their efforts to accelerate implementation in their respective fields of competence and areas of mandate, the lead institutions for each commitment being listed in the annex to the Cotonou Strategy (A/61/117, annex I); ' +
    '(b) the twenty system entities and agencies whose governing bodies have adopted decisions mainstreaming the Programme of Action in their work programmes report regularly on their activities and achievements, since mainstreaming "entails regular reporting by the entities on their activities and achievements in that regard", and the Office of the High Representative assists other relevant entities; ' +
    '(c) the inter-agency consultations organized in preparation for the review are transformed into an inter-agency consultative group for the accelerated implementation of the Programme of Action during the remainder of the Decade.\n\n' +
    'In a related decision, CEB agreed to take up the issue of "aid for trade" at its next session, in April 2007.',
  country: null,
  source: 'paras. 10, 29-34',
  commitments: [
    {
      reference: 'BPoA-1',
      title: 'Fostering a people-centred policy framework',
      description:
        'Commitment 1 of the seven commitments of the Brussels Programme of Action. The Secretary-General noted that, despite significant progress by some least developed countries, their gains as a group had been insufficient to meet the goals agreed upon in Brussels, and that while national action must lead the way, international support was more essential than ever (para. 29). ' +
        'The system follows up this commitment through the regular reporting of the twenty entities that have mainstreamed the Programme of Action and through the inter-agency consultative group (para. 32). ' +
        ILLUSTRATIVE_LEADS,
      status: 'on_track',
      dueDate: '2010-12-31',
      leadAgencies: ['OHRLLS'],
      contributingAgencies: ['UNDP', 'DESA', 'ILO'],
      illustrative: true,
      source: 'paras. 29-32',
      indicators: [
        { name: 'Entities reporting on BPoA mainstreaming', unit: 'entities', baseline: 0, target: 20, targetDate: '2010-12-31' },
        { name: 'Inter-agency consultative group meetings held', unit: 'meetings', baseline: 0, target: 8, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'CEB endorsed the three-pronged approach of the High Representative: redoubled efforts by each organization in its own field, regular reporting by the twenty entities that have mainstreamed the Programme of Action, and an inter-agency consultative group.',
        progress:
          'Twenty United Nations system entities and agencies have adopted decisions in their governing bodies mainstreaming the Programme of Action in their work programmes. The inter-agency consultations held to prepare the midterm review showed keen interest across the system in issues related to the least developed countries.',
        challenges:
          'The overall socio-economic situation of the least developed countries remains very precarious. Data on recent poverty trends are not encouraging, with life expectancy declining in several countries affected by HIV/AIDS and civil strife.',
        nextSteps:
          'Transform the preparatory consultations into the inter-agency consultative group and collect the first round of regular reports from the twenty entities. The Office of the High Representative assists other relevant entities in mainstreaming the Programme of Action.',
      },
    },
    {
      reference: 'BPoA-2',
      title: 'Good governance at national and international levels',
      description:
        'Commitment 2 of the seven commitments of the Brussels Programme of Action. The High Level Committee on Programmes identified ethics and anti-corruption activities, governance and peacebuilding as areas offering excellent opportunities for closer and more systematic collaboration with parliaments (para. 14), and would seek to elaborate, under the leadership of UNODC, a system-wide approach against corruption within the framework of the United Nations Convention against Corruption (para. 15). ' +
        ILLUSTRATIVE_LEADS,
      status: 'at_risk',
      dueDate: '2010-12-31',
      leadAgencies: ['UNDP'],
      contributingAgencies: ['UNODC', 'OHRLLS'],
      illustrative: true,
      source: 'paras. 14-15, 29, 32',
      indicators: [
        { name: 'LDCs supported in governance and anti-corruption programmes', unit: 'countries', baseline: 0, target: 25, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'Organizations support governance in the least developed countries within their mandates and work towards a system-wide approach against corruption under the United Nations Convention against Corruption.',
        progress:
          'Following a meeting with the Secretary-General of the Inter-Parliamentary Union, the High Level Committee on Programmes identified ethics and anti-corruption, governance and peacebuilding as areas for more systematic collaboration with parliaments.',
        challenges:
          'The system-wide approach against corruption is still to be elaborated, and civil strife continues to set back several least developed countries.',
        nextSteps:
          'UNODC leads the elaboration of the system-wide approach against corruption in the coming months; the group will link it to country-level support in the least developed countries.',
      },
    },
    {
      reference: 'BPoA-3',
      title: 'Building human and institutional capacities',
      description:
        'Commitment 3 of the seven commitments of the Brussels Programme of Action. CEB members referred to their ongoing work in support of the least developed countries, including the mainstreaming of the least developed countries in the areas of education, culture, science and communication (para. 33). ' +
        'The Secretary-General pointed to declining life expectancy in several least developed countries affected by HIV/AIDS and civil strife (para. 29), and the Executive Director of WFP reminded the Board that productive work depends on an educated, healthy and well-nourished workforce (para. 42). ' +
        ILLUSTRATIVE_LEADS,
      status: 'on_track',
      dueDate: '2010-12-31',
      leadAgencies: ['UNESCO'],
      contributingAgencies: ['WHO', 'UNICEF'],
      illustrative: true,
      source: 'paras. 29, 33, 42',
      indicators: [
        { name: 'LDCs receiving joint capacity-building support', unit: 'countries', baseline: 10, target: 50, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'UNESCO mainstreams the least developed countries in its work on education, culture, science and communication, while health and nutrition partners address the human capacities on which development depends.',
        progress:
          'CEB members reported ongoing work mainstreaming the least developed countries in education, culture, science and communication.',
        challenges:
          'Life expectancy is declining in several least developed countries affected by HIV/AIDS and civil strife, and far too many children are still poorly nourished.',
        nextSteps:
          'Bring health and nutrition into the joint capacity-building support, and report progress to the inter-agency consultative group.',
      },
    },
    {
      reference: 'BPoA-4',
      title: 'Building productive capacities to make globalization work for the least developed countries',
      description:
        'Commitment 4 of the seven commitments of the Brussels Programme of Action. FAO, IFAD and WFP have decided to combine their complementary capacities in country-level food security theme groups, based on their twin-track approach of mutually reinforcing food assistance and rural/agricultural development; WFP and IFAD strongly support these groups, particularly in the least developed countries (paras. 50-52). ' +
        'UNIDO stressed "the missing middle" of small and medium-sized enterprises and technologies that enhance the productivity of youth (para. 40), and CEB members referred to their work on air transport (para. 33). ' +
        ILLUSTRATIVE_LEADS,
      status: 'at_risk',
      dueDate: '2010-12-31',
      leadAgencies: ['FAO'],
      contributingAgencies: ['UNIDO', 'IFAD', 'WFP', 'ICAO'],
      illustrative: true,
      source: 'paras. 33, 40, 50-52',
      indicators: [
        { name: 'LDCs with a country-level food security theme group', unit: 'countries', baseline: 0, target: 20, targetDate: '2010-12-31' },
        { name: 'Joint rural and agricultural development programmes in LDCs', unit: 'programmes', baseline: 0, target: 25, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'The Rome-based agencies combine food assistance and rural/agricultural development through country-level food security theme groups; UNIDO supports small and medium-sized enterprises and entrepreneurship.',
        progress:
          'FAO, IFAD and WFP agreed the twin-track approach and the theme groups within the framework of "one team/one programme". FAO and WFP are also testing a cluster approach to humanitarian assistance that moves in the same direction.',
        challenges:
          'The gains of the least developed countries as a group remain insufficient to meet the Brussels goals, and small and medium-sized enterprises in urban areas lack the means to partner and trade abroad.',
        nextSteps:
          'Set up the first theme groups where relevant to national situations, drawing on poverty reduction strategies, and look at the South-South dimension to provide technology that enhances productivity.',
      },
    },
    {
      reference: 'BPoA-5',
      title: 'Enhancing the role of trade in development',
      description:
        'Commitment 5 of the seven commitments of the Brussels Programme of Action. CEB members highlighted tariff and non-tariff barriers to trade that have a negative impact on the least developed countries, and the fact that few such countries had been able to take advantage of duty-free/quota-free concessions owing to the lack of capacity and/or the conditions attached to them. ' +
        'The Integrated Framework for Trade-Related Technical Assistance was working well, and its expansion to cover all of the least developed countries should be actively and positively considered (para. 33). CEB agreed to take up "aid for trade" at its next session, in April 2007 (para. 34). ' +
        ILLUSTRATIVE_LEADS,
      status: 'off_track',
      dueDate: '2010-12-31',
      leadAgencies: ['WTO'],
      contributingAgencies: ['WORLDBANK', 'IMF', 'UNDP', 'FAO'],
      illustrative: true,
      source: 'paras. 29, 33-34',
      indicators: [
        { name: 'LDCs supported to use duty-free/quota-free concessions', unit: 'countries', baseline: 0, target: 20, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'The Integrated Framework for Trade-Related Technical Assistance is the main inter-agency instrument for this commitment, and aid for trade is on the agenda of the April 2007 session of CEB.',
        progress:
          'CEB members reported that the Integrated Framework was working well and that its expansion to all least developed countries should be actively and positively considered.',
        challenges:
          'Tariff and non-tariff barriers continue to hurt the least developed countries, and few of them have been able to use duty-free/quota-free concessions because of lack of capacity and the conditions attached.',
        nextSteps:
          'Prepare the CEB discussion of aid for trade in April 2007 and consider the expansion of the Integrated Framework to all least developed countries.',
      },
    },
    {
      reference: 'BPoA-6',
      title: 'Reducing vulnerability and protecting the environment',
      description:
        'Commitment 6 of the seven commitments of the Brussels Programme of Action. The Executive Director of UNEP foresaw environmental degradation (desertification, lack of water resources, climate change) as one of the biggest push factors for migration, possibly on a scale comparable with displacements from major conflicts (para. 27). ' +
        'CEB members referred to their work on improving urban habitats (para. 33), and FAO and WFP are testing a cluster approach to humanitarian assistance (para. 50). ' +
        ILLUSTRATIVE_LEADS,
      status: 'on_track',
      dueDate: '2010-12-31',
      leadAgencies: ['UNEP'],
      contributingAgencies: ['FAO', 'WFP', 'UN-HABITAT'],
      illustrative: true,
      source: 'paras. 27, 33, 50',
      indicators: [
        { name: 'LDCs with joint vulnerability and environmental assessments', unit: 'countries', baseline: 0, target: 20, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'Agencies address the environmental and humanitarian vulnerability of the least developed countries, from desertification and climate change to the urbanization crisis.',
        progress:
          'FAO and WFP are testing a cluster approach to humanitarian assistance, and CEB members reported ongoing work on improving urban habitats.',
        challenges:
          'Environmental degradation may force people to relocate on a massive scale, and rural-to-urban movement is feeding an urbanization crisis.',
        nextSteps:
          'Take environmental factors fully into account in joint assessments and bring the lessons of the cluster approach into the theme groups.',
      },
    },
    {
      reference: 'BPoA-7',
      title: 'Mobilizing financial resources',
      description:
        'Commitment 7 of the seven commitments of the Brussels Programme of Action. The Secretary-General stressed that international support in terms of market access, debt relief and more and better development assistance was more essential than ever (para. 29). ' +
        'IFAD highlighted the growth of remittances to $200 billion a year, which dwarfed official development assistance and could make a substantial difference if put to good use in rural communities, and UPU briefed the Board on the transfer of funds between countries and regions (para. 26). ' +
        ILLUSTRATIVE_LEADS,
      status: 'off_track',
      dueDate: '2010-12-31',
      leadAgencies: ['WORLDBANK'],
      contributingAgencies: ['IMF', 'IFAD', 'UPU', 'OHRLLS'],
      illustrative: true,
      source: 'paras. 26, 29',
      indicators: [
        { name: 'Joint initiatives on remittances for rural development in LDCs', unit: 'initiatives', baseline: 0, target: 10, targetDate: '2010-12-31' },
      ],
      report: {
        summary:
          'The system supports the least developed countries in mobilizing development assistance, debt relief and private flows such as remittances.',
        progress:
          'Remittances have grown to about $200 billion a year, more than official development assistance; UPU works on the transfer of funds between countries and regions.',
        challenges:
          'The gains of the least developed countries as a group are insufficient to meet the Brussels goals, and remittances are not yet put to good use in rural communities.',
        nextSteps:
          'Identify joint initiatives that lower transfer costs and channel remittances to rural development, and report them to the inter-agency consultative group.',
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 2. Country-level food security theme group of FAO, IFAD and WFP (paras. 50-52)
// ---------------------------------------------------------------------------------------------

const FSTG_NOTE =
  '(The country, lead and contributing agencies and due date are illustrative; the seed names no country and does not assign them.)';

const fstg: FrameworkContent = {
  code: 'FSTG',
  kind: 'theme_group',
  title: 'Food security theme group: Ethiopia',
  description:
    'Within the framework of "one team/one programme" at the country level, FAO, IFAD and WFP combine their complementary capacities and comparative advantages in food security theme groups, based on their jointly agreed twin-track approach whereby mutually reinforcing food assistance and rural/agricultural development are required for achieving Millennium Development Goal 1 in many country contexts (paras. 50-51). ' +
    'The theme groups seek results-focused and evidence-based joint support to the needs and priorities of partner countries; the Executive Director of WFP noted that WFP and IFAD strongly supported them, particularly in the least developed countries (para. 52). ' +
    'Following a pilot phase, WHO and UNICEF may explore how their own capacities relating to food security could contribute.\n\n' +
    'The country is illustrative: the seed names no country. Ethiopia is used as an example of a least developed country where the three Rome-based agencies all work.',
  country: 'Ethiopia',
  source: 'paras. 50-52',
  commitments: [
    {
      reference: 'FSTG-ETH-1',
      title: 'Jointly identify thematic coordination opportunities, drawing on the poverty reduction strategy',
      description:
        'Where relevant to the national situation, FAO, IFAD and WFP jointly identify thematic coordination opportunities, drawing on poverty reduction strategies (para. 51). ' +
        FSTG_NOTE,
      status: 'on_track',
      dueDate: '2007-12-31',
      leadAgencies: ['FAO'],
      contributingAgencies: ['IFAD', 'WFP'],
      illustrative: true,
      source: 'para. 51',
      indicators: [
        { name: 'Joint thematic coordination opportunities identified', unit: 'opportunities', baseline: 0, target: 5, targetDate: '2007-12-31' },
      ],
      report: {
        summary:
          'The three Rome-based agencies map where food assistance and rural/agricultural development can reinforce each other, starting from the national poverty reduction strategy.',
        progress:
          'The twin-track approach has been jointly agreed, and the agencies are reviewing the poverty reduction strategy for thematic coordination opportunities.',
        challenges:
          'Joint support must stay results-focused and evidence-based while responding to the priorities of the partner country.',
        nextSteps:
          'Agree a first list of coordination opportunities and present it to the national Government.',
      },
    },
    {
      reference: 'FSTG-ETH-2',
      title: 'Work with the national Government and civil society through the national alliance against hunger',
      description:
        'The country-level food security theme groups seek to work with national Governments and civil society through the national alliances against hunger, where they exist (para. 51). ' +
        FSTG_NOTE,
      status: 'at_risk',
      dueDate: '2007-12-31',
      leadAgencies: ['WFP'],
      contributingAgencies: ['FAO', 'IFAD'],
      illustrative: true,
      source: 'para. 51',
      indicators: [
        { name: 'Joint meetings with the national alliance against hunger', unit: 'meetings', baseline: 0, target: 4, targetDate: '2007-12-31' },
      ],
      report: {
        summary:
          'The theme group engages the national Government and civil society through the national alliance against hunger, to help the country develop its food security strategy.',
        progress:
          'First contacts with the Government and civil society partners have been made.',
        challenges:
          'The theme groups work through national alliances against hunger only where they exist; whether and in what form one exists in the country is still being confirmed.',
        nextSteps:
          'Confirm the national counterpart and hold the first joint meeting.',
      },
    },
    {
      reference: 'FSTG-ETH-3',
      title: 'Explore Rome-based thematic groups based on knowledge-sharing',
      description:
        'The country-level food security theme groups explore opportunities for Rome-based thematic groups based on knowledge-sharing (para. 51). ' +
        FSTG_NOTE,
      status: 'not_started',
      dueDate: '2007-12-31',
      leadAgencies: ['IFAD'],
      contributingAgencies: ['FAO', 'WFP'],
      illustrative: true,
      source: 'para. 51',
      indicators: [
        { name: 'Knowledge products shared with Rome-based thematic groups', unit: 'products', baseline: 0, target: 6, targetDate: '2007-12-31' },
      ],
      report: {
        summary:
          'Country experience feeds Rome-based thematic groups of the three agencies, and their knowledge flows back to the country.',
        progress: 'Not started; scheduled after the first coordination opportunities are identified.',
        challenges: 'The three agencies have different knowledge-management systems.',
        nextSteps: 'Agree the themes on which the Rome-based groups should share knowledge.',
      },
    },
    {
      reference: 'FSTG-ETH-4',
      title: 'After the pilot phase, explore contributions of WHO and UNICEF',
      description:
        'Following a pilot phase, such United Nations system entities as WHO and UNICEF may be interested in exploring how their own capacities relating to food security could also contribute to the joint effort (para. 51). ' +
        FSTG_NOTE,
      status: 'not_started',
      dueDate: '2007-12-31',
      leadAgencies: ['FAO'],
      contributingAgencies: ['WFP', 'WHO', 'UNICEF'],
      illustrative: true,
      source: 'para. 51',
      indicators: [
        { name: 'Additional entities engaged in the theme group', unit: 'entities', baseline: 0, target: 2, targetDate: '2007-12-31' },
      ],
      report: {
        summary:
          'Once the pilot phase ends, WHO and UNICEF explore how their capacities relating to food security could contribute to the theme group.',
        progress: 'Not started; the pilot phase is under way.',
        challenges:
          'Productive work depends on a healthy and well-nourished workforce, and nutrition in the first 24 to 36 months of life matters most; the group must decide how health and child nutrition fit the twin-track approach.',
        nextSteps: 'Review the pilot and invite WHO and UNICEF to a joint discussion.',
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 3. System-wide gender mainstreaming strategy (paras. 71-74 and annex)
// ---------------------------------------------------------------------------------------------

const GMS_CONTEXT =
  'Element of the system-wide strategy on gender mainstreaming endorsed by CEB (para. 74 and annex). The system-wide action plan will specify the actions required for each of the six elements, with time frame and indicators, allocation of responsibilities and accountability mechanisms and resources, and will be ready for the joint meeting of the High Level Committees in the spring of 2007.';

const GMS_NOTE =
  '(Contributing agencies are illustrative; the seed gives the Special Adviser the lead in developing the action plan with the Inter-Agency Network on Women and Gender Equality.)';

const gms: FrameworkContent = {
  code: 'GMS',
  kind: 'strategy',
  title: 'United Nations system-wide policy on gender equality and the empowerment of women and strategy on gender mainstreaming',
  description:
    'CEB endorsed the system-wide policy on gender equality and the empowerment of women and the strategy on gender mainstreaming presented by the Special Adviser on Gender Issues and the Advancement of Women, prepared with the support of the Inter-Agency Network on Women and Gender Equality and in consultation with the High Level Committees on Programmes and on Management (paras. 71-74). ' +
    'Executive heads were very concerned at the lack of sufficient progress in these areas; commitment at the highest level, overall leadership and accountability were named as the main ingredients for progress.\n\n' +
    'Gender mainstreaming works in conjunction with women-specific actions, supplementing rather than replacing them. A system-wide action plan "that includes indicators and timetables, allocation of responsibilities and accountability mechanisms and resources" is essential to make the strategy operational. ' +
    'The plan will be developed by the Special Adviser with the Inter-Agency Network through broad consultations with all entities, will be ready for the joint meeting of the two Committees in the spring of 2007, and its results will be monitored at the level of senior management and reported to the High Level Committees "on a regular schedule specified in advance" (annex).',
  country: null,
  source: 'paras. 71-74 and annex',
  commitments: [
    {
      reference: 'GMS-a',
      title: 'Accountability',
      description:
        'Accountability processes and mechanisms will be strengthened or developed within the United Nations system in a coherent, coordinated and consistent manner, making it possible to assess progress and gaps at all levels of work on gender mainstreaming, in policy areas and in the field. Entities may add to or enhance their internal approaches, but not circumvent or diminish the system-wide effort. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNDP', 'UNFPA', 'CEB'],
      illustrative: true,
      source: 'para. 73; annex, strategy element (a)',
      indicators: [
        { name: 'Entities covered by the system-wide accountability framework', unit: 'entities', baseline: 0, target: 28, targetDate: '2008-12-31' },
      ],
      report: {
        summary:
          'A system-wide approach to accountability for gender mainstreaming, building on the mechanisms that have proved most effective in United Nations entities and partner organizations.',
        progress:
          'The policy and strategy have been endorsed by CEB; the accountability chapter of the system-wide action plan is being drafted with the Inter-Agency Network.',
        challenges:
          'An evaluation of the system-wide action plan on Security Council resolution 1325 (2000) identified deficiencies in leadership and accountability as the main obstacle to progress.',
        nextSteps:
          'Present the accountability chapter of the action plan to the joint meeting of the High Level Committees in the spring of 2007.',
      },
    },
    {
      reference: 'GMS-b',
      title: 'Results-based management for gender equality',
      description:
        'Results-based management will be further strengthened throughout the system. Using common-system indicators and measurement protocols where applicable, system-wide results-based management for gender equality will give senior managers timely information for strategic decisions and keep the focus on results and impact rather than processes alone, including when working with Member States at the country level. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'at_risk',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNDP', 'UNICEF'],
      illustrative: true,
      source: 'para. 75; annex, strategy element (b)',
      indicators: [
        { name: 'Common-system gender equality indicators agreed', unit: 'indicators', baseline: 0, target: 10, targetDate: '2007-12-31' },
      ],
      report: {
        summary:
          'Common-system indicators and measurement protocols give senior managers timely information on results for gender equality.',
        progress:
          'CEB agreed that results-based management is a key part of reforming business practices and expanded the analysis to performance management.',
        challenges:
          'The World Bank and the International Monetary Fund have their own independent results-based management systems, and CEB will revert to the subject only after further work by both Committees.',
        nextSteps: 'Propose a first set of common-system indicators for the action plan.',
      },
    },
    {
      reference: 'GMS-c',
      title: 'Oversight through monitoring, evaluation, audit and reporting',
      description:
        'Enhanced oversight through improved monitoring, evaluation, audit and reporting procedures ensures the accountability of all staff, including senior and mid-level management, for their performance in gender mainstreaming. Common indicators and benchmarks will make progress measurable and visible; programme evaluations, gender audits and peer reviews assess impact, especially at the country level, and help close the gap in sex-disaggregated data. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'not_started',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNFPA', 'DESA'],
      illustrative: true,
      source: 'annex, strategy element (c)',
      indicators: [
        { name: 'Entities completing a gender audit or peer review', unit: 'entities', baseline: 0, target: 10, targetDate: '2008-12-31' },
        { name: 'Entities publishing sex-disaggregated programme data', unit: 'entities', baseline: 0, target: 20, targetDate: '2008-12-31' },
      ],
      report: {
        summary:
          'Monitoring, evaluation, audit and reporting procedures hold all staff, including senior and mid-level management, accountable for gender mainstreaming.',
        progress: 'Not started; depends on the common indicators and benchmarks of the action plan.',
        challenges:
          'The lack of sex-disaggregated data is one of the major barriers to assessing how policies and programmes to promote gender equality should be refined, designed and implemented.',
        nextSteps: 'Define common benchmarks and a schedule of gender audits and peer reviews.',
      },
    },
    {
      reference: 'GMS-d',
      title: 'Human and financial resources',
      description:
        'Adequate human and financial resources will be allocated to the implementation of gender mainstreaming, through better use of current resources, additional resources where required and alignment of resources with expected outcomes. Common-system norms, standards, indicators, targets and evaluation frameworks will reduce duplication, especially at the country level, and open opportunities for joint programming through the United Nations country teams. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'off_track',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNDP', 'UNFPA', 'CEB'],
      illustrative: true,
      source: 'annex, strategy element (d)',
      indicators: [
        { name: 'Entities with a dedicated budget allocation for gender mainstreaming', unit: 'entities', baseline: 0, target: 20, targetDate: '2008-12-31' },
      ],
      report: {
        summary:
          'Human and financial resources are allocated to gender mainstreaming and aligned with expected outcomes.',
        progress: 'No agreement yet on how resources are to be identified across entities.',
        challenges:
          'Resources are spread across competing system-wide organizational priorities, and duplication of effort at the country level persists.',
        nextSteps: 'Identify current resources and gaps for the action plan, and opportunities for joint programming through country teams.',
      },
    },
    {
      reference: 'GMS-e',
      title: 'Capacity development',
      description:
        'Developing and strengthening staff capacity and competency in gender analysis is essential to mainstreaming a gender perspective into policies and programmes. A significant proportion of staff, including senior management, have serious gaps in expertise; these gaps need to be addressed comprehensively and systematically, through awareness-raising campaigns and training at the individual, entity and system-wide levels, using both common-system and individual approaches. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNSSC', 'ILO'],
      illustrative: true,
      source: 'annex, strategy element (e)',
      indicators: [
        { name: 'Staff trained in gender analysis', unit: 'staff', baseline: 0, target: 5000, targetDate: '2008-12-31' },
      ],
      report: {
        summary:
          'Staff responsible for programme design, implementation and technical advisory services acquire the capacity to reflect a gender perspective in their work at all times.',
        progress:
          'The Staff College, with its new curriculum and business plan, is a natural partner for common-system training.',
        challenges:
          'Serious gaps in expertise, including among senior management, lead to an inadequate and often negligible effort to identify and address gender issues in many sectors.',
        nextSteps: 'Design awareness-raising campaigns and common-system training modules for the action plan.',
      },
    },
    {
      reference: 'GMS-f',
      title: 'Coherence, coordination and knowledge and information management',
      description:
        'Coherence and coordination are essential for meaningful results. The overall system must reinforce common goals and consistent working methods, especially at the country level, so that Member States interact with a harmonious United Nations team. A knowledge management system with the experiences, expertise and practices of United Nations entities on gender equality will be established for the entities, country teams, Member States and other partners. ' +
        GMS_CONTEXT +
        ' ' +
        GMS_NOTE,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['OSAGI'],
      contributingAgencies: ['UNICEF', 'UNDP', 'UNESCO'],
      illustrative: true,
      source: 'annex, strategy element (f)',
      indicators: [
        { name: 'Entities contributing practices to the gender knowledge management system', unit: 'entities', baseline: 0, target: 25, targetDate: '2008-12-31' },
      ],
      report: {
        summary:
          'Common goals, consistent working methods and a shared knowledge management system on gender equality across the system.',
        progress:
          'Broad consultations with all entities through the Inter-Agency Network on Women and Gender Equality are under way for the action plan.',
        challenges: 'Specific mandates of entities must be reconciled with common goals and working methods.',
        nextSteps: 'Specify the knowledge management system in the action plan and agree who hosts it.',
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// 4. Follow-up items of the CEB second regular session of 2006
// ---------------------------------------------------------------------------------------------

const decisions: FrameworkContent = {
  code: 'CEB-2006-2',
  kind: 'decisions',
  title: 'CEB second regular session of 2006: follow-up items',
  description:
    'Follow-up items of the second regular session of 2006 of the United Nations System Chief Executives Board for Coordination, held at United Nations Headquarters in New York on 27 October 2006 (summary of conclusions dated 15 December 2006). ' +
    'The spring 2007 session will be hosted by ILO in Geneva on 20 and 21 April (para. 85).',
  country: null,
  source: 'summary of conclusions, CEB second regular session of 2006',
  commitments: [
    {
      reference: 'CEB-2006-2-1',
      title: 'Take up "aid for trade" at the April 2007 session',
      description:
        'In a decision related to the follow-up of the midterm review of the Brussels Programme of Action, CEB agreed to take up the issue of "aid for trade" at its next session, in April 2007 (para. 34). ' +
        ILLUSTRATIVE_LEADS,
      status: 'achieved',
      dueDate: '2007-04-30',
      leadAgencies: ['CEB'],
      contributingAgencies: ['WTO', 'OHRLLS'],
      illustrative: true,
      source: 'paras. 33-34',
      indicators: [
        { name: 'Agencies contributing inputs on aid for trade', unit: 'agencies', baseline: 0, target: 6, targetDate: '2007-04-30' },
      ],
      report: {
        summary: 'Aid for trade is on the agenda of the spring 2007 session of CEB, hosted by ILO in Geneva on 20 and 21 April.',
        progress: 'The item has been placed on the agenda of the April 2007 session.',
        challenges:
          'Few least developed countries have been able to use duty-free/quota-free concessions owing to the lack of capacity and/or the conditions attached.',
        nextSteps: 'Record the conclusions of the April 2007 discussion and link them to commitment 5 of the Brussels Programme of Action.',
      },
    },
    {
      reference: 'CEB-2006-2-2',
      title: 'Toolkit for mainstreaming employment and decent work',
      description:
        'The High Level Committee on Programmes, under the leadership of ILO, is developing a "toolkit" for mainstreaming employment and decent work in the policies, programmes and activities of United Nations system organizations, as called for in the 2005 World Summit Outcome and the 2006 ministerial declaration of the Economic and Social Council. CEB will discuss employment and decent work at its April 2007 session, combining strategic considerations and concrete action (paras. 11, 35-44). ' +
        ILLUSTRATIVE_CONTRIBUTORS,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['ILO'],
      contributingAgencies: ['DESA', 'UNIDO', 'WFP', 'UNRWA'],
      illustrative: true,
      source: 'paras. 11-12, 35-44',
      indicators: [
        { name: 'Organizations that have contributed to the toolkit', unit: 'organizations', baseline: 0, target: 25, targetDate: '2007-04-30' },
      ],
      report: {
        summary:
          'The toolkit asks every organization how, with its policies and programmes, it can maximize job creation in the most effective way possible.',
        progress:
          'Nearly all organizations of the system have a contribution to make; the Commission on Social Development has chosen employment as the theme of its next cycle.',
        challenges:
          'UNRWA asked that the situation of Palestinian Authority employees who work but cannot be paid, and of Palestinians out of work since the intifada, be taken up in the April discussion.',
        nextSteps: 'Finalize the toolkit through the High Level Committee on Programmes for the April 2007 session.',
      },
    },
    {
      reference: 'CEB-2006-2-3',
      title: 'Review of CEB',
      description:
        'At their private meeting, executive heads decided to initiate a review of CEB, led by the Director-General of ILO and the Director-General of WTO, as a follow-up to their discussion of the recommendations of the High-level Panel on System-wide Coherence. The Chair of the High Level Committee on Programmes had suggested that it would be timely for CEB to look at its own functioning and support structures, particularly as they relate to delivering as one at Headquarters and field levels (paras. 2, 17). ' +
        '(CEB secretariat support is illustrative; the seed names the two executive heads who lead the review.)',
      status: 'on_track',
      dueDate: null,
      leadAgencies: ['ILO', 'WTO'],
      contributingAgencies: ['CEB'],
      illustrative: true,
      source: 'paras. 2, 17',
      indicators: [
        { name: 'Review reports presented to CEB', unit: 'reports', baseline: 0, target: 1, targetDate: '2007-12-31' },
      ],
      report: {
        summary: 'A review of CEB, its functioning and its support structures, in the light of the High-level Panel on System-wide Coherence.',
        progress: 'The review has been initiated, led by the Directors-General of ILO and WTO.',
        challenges: 'Members of the Panel expect CEB to play a more active role in promoting coherence across both substantive and management areas.',
        nextSteps: 'Agree the terms of reference of the review with executive heads.',
      },
    },
    {
      reference: 'CEB-2006-2-4',
      title: 'Full briefing on the joint office piloted in Viet Nam',
      description:
        'FAO, asked by donors to participate in the joint office in Viet Nam, proposed that CEB be fully briefed on the matter at its next session, including roll-out over the short and medium terms, how it has been evaluated to date and the costs and benefits identified so far. UNESCO supported the proposal; WHO would send a team to Viet Nam to study options and models (paras. 46-49). ' +
        ILLUSTRATIVE_LEADS,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['UNDP'],
      contributingAgencies: ['FAO', 'UNESCO', 'WHO'],
      illustrative: true,
      source: 'paras. 46-49',
      indicators: [
        {
          name: 'Briefing topics covered (roll-out, evaluation, costs and benefits)',
          unit: 'topics',
          baseline: 0,
          target: 3,
          targetDate: '2007-04-30',
        },
      ],
      report: {
        summary:
          'CEB is to be briefed at its April 2007 session on the joint office in Viet Nam: roll-out, evaluation to date, costs and benefits.',
        progress:
          'FAO has responded positively to participating; UNESCO is prepared to seriously consider participating in all joint office initiatives once the matter is discussed in CEB.',
        challenges:
          'The two-stage approach, involving first only the United Nations Development Group Executive Committee agencies, may not be in line with strengthening system-wide coherence at the country level.',
        nextSteps: 'Prepare the briefing, drawing also on the findings of the WHO team sent to Viet Nam.',
      },
    },
    {
      reference: 'CEB-2006-2-5',
      title: 'Inventories of migration data sources, expertise and capacity-building activities',
      description:
        'The Global Migration Group is improving the knowledge base through an inventory of data sources in each of its member organizations; building on this work, the High Level Committee on Programmes will support the preparation of comprehensive inventories of relevant expertise and of capacity-building activities throughout the international system. The Committee would review progress in following up the High-level Dialogue on International Migration and Development at its April 2007 session (paras. 8-9). ' +
        '(Lead and contributing agencies are illustrative: UNHCR chaired the Global Migration Group at the time of the session; the seed does not assign the inventories.)',
      status: 'at_risk',
      dueDate: '2007-04-30',
      leadAgencies: ['UNHCR'],
      contributingAgencies: ['DESA', 'ILO', 'UNFPA'],
      illustrative: true,
      source: 'paras. 8-9, 23-25',
      indicators: [
        {
          name: 'Global Migration Group members with a completed data-source inventory',
          unit: 'organizations',
          baseline: 0,
          target: 10,
          targetDate: '2007-04-30',
        },
      ],
      report: {
        summary:
          'Inventories of data sources, expertise and capacity-building activities on migration support the follow-up to the High-level Dialogue and the global forum on migration and development.',
        progress:
          'Member organizations of the Global Migration Group are compiling their data-source inventories; ILO offered its International Training Centre in Turin for capacity-building activities.',
        challenges:
          'The Global Migration Group must also provide extensive substantive support for the first meeting of the global forum, to be hosted by Belgium in Brussels in July 2007, while its chairmanship rotates every three months.',
        nextSteps: 'Review progress at the April 2007 session of the High Level Committee on Programmes.',
      },
    },
    {
      reference: 'CEB-2006-2-6',
      title: 'Study of common, shared ICT services',
      description:
        'The ICT Network agreed in principle to study common, shared information and communication technology services, in particular data communications and data centre operations, and, assuming that the necessary resources became available, to present its findings at the next meeting of the High Level Committee on Management (paras. 57-58). ' +
        ILLUSTRATIVE_LEADS,
      status: 'off_track',
      dueDate: null,
      leadAgencies: ['CEB'],
      contributingAgencies: ['ITU', 'UNDP', 'WFP', 'UNICEF'],
      illustrative: true,
      source: 'paras. 56-58',
      indicators: [
        {
          name: 'Core ICT services assessed as common services',
          unit: 'services',
          baseline: 0,
          target: 2,
          targetDate: '2007-12-31',
        },
      ],
      report: {
        summary:
          'The study asks whether providing data communications and data centre operations as common services gives enhanced services at lower cost than separate investment by each organization.',
        progress: 'The ICT Network has agreed in principle to undertake the study.',
        challenges:
          'A common service model presents technical, political and cultural challenges, and the resources needed for the study have not yet been found.',
        nextSteps: 'Secure resources for the study and present its findings at the next meeting of the High Level Committee on Management.',
      },
    },
    {
      reference: 'CEB-2006-2-7',
      title: 'Staff College curriculum for the senior management network',
      description:
        'A European university selected in a competitive process is carrying out an enquiry among United Nations system organizations on the type of common training that would best meet the requirements of their senior managers; the curriculum is expected to be finalized by April 2007. The Staff College also works with the Department of Safety and Security on training mission leaders, and an effort should be made to enhance synergy with the ILO Training Centre on the same campus (paras. 76-84). ' +
        ILLUSTRATIVE_CONTRIBUTORS,
      status: 'on_track',
      dueDate: '2007-04-30',
      leadAgencies: ['UNSSC'],
      contributingAgencies: ['DSS', 'ILO'],
      illustrative: true,
      source: 'paras. 76-84',
      indicators: [
        { name: 'Senior management network curriculum finalized', unit: 'curricula', baseline: 0, target: 1, targetDate: '2007-04-30' },
        { name: 'Organizations responding to the senior-manager training enquiry', unit: 'organizations', baseline: 0, target: 25, targetDate: '2007-04-30' },
      ],
      report: {
        summary:
          'The Staff College refocuses on areas where it adds real value: a senior management network, peace and security, and the training programme for resident coordinators.',
        progress:
          'A new curriculum and business plan have been agreed through inter-agency consultation; $4 million has been secured from the Government of Italy.',
        challenges:
          'The College has been criticized for duplicating agencies\' own training; its financial situation is vulnerable and its location in Turin is not central.',
        nextSteps:
          'Finalize the senior management curriculum by April 2007 and develop the resource mobilization strategy to diversify funding sources.',
      },
    },
  ],
};


// ---------------------------------------------------------------------------------------------
// Reporting cycles and activity reports, placed around the load date (see demo-calendar.ts).
// ---------------------------------------------------------------------------------------------

/** Where a report falls in its framework's calendar: the earlier or the latest closed cycle, or the current one. */
type CycleSlot = 'earlier' | 'closed' | 'current';

/**
 * The cycles of each framework. The Brussels Programme has two closed half-years and the current one; the theme
 * group has only its current half-year, which fell due a few days ago (one report in it is overdue); the strategy
 * and the Board's follow-up items have the current half-year, due in three weeks, with no report started yet.
 */
function cycleSlots(code: string, calendar: DemoCalendar): Partial<Record<CycleSlot, DemoCycle>> {
  switch (code) {
    case 'BPoA':
      return { earlier: calendar.earlier, closed: calendar.closed, current: calendar.current };
    case 'FSTG':
      return { current: calendar.overdue };
    default:
      return { current: calendar.current };
  }
}

/** A report as written below: its cycle named by slot; its label, dates and history follow from the load date. */
interface ReportSketch extends Omit<DemoActivityReport, 'cycle' | 'history'> {
  cycle: CycleSlot;
}

/**
 * What the demo shows, in each framework's current cycle:
 * - the Brussels Programme (due in three weeks): drafts (WFP and WHO, FAO on BPoA-5), one report submitted and
 *   awaiting its lead agency's review (IFAD's on BPoA-4: FAO's "to review"), and FAO's on BPoA-4 not started, so that
 *   the demo user can create it; its two closed cycles hold accepted reports, one of them (UNDP's on BPoA-1) returned
 *   with a reason and then answered, and the indicator values of both;
 * - the theme group (due six days ago): every report submitted on time, most already accepted, FAO's resubmitted
 *   after a return and awaiting WFP's review, and one overdue: FAO's draft on FSTG-ETH-3.
 * So focal@fao.example sees something due soon, something to review and something late.
 */
const activityReports: ReportSketch[] = [
  // The Brussels Programme, earlier closed cycle.
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'IFAD',
    cycle: 'earlier',
    state: 'accepted',
    summary:
      'Agreed with FAO and WFP to combine complementary capacities in country-level food security theme groups, based on the twin-track approach, with a focus on the least developed countries.',
    narrative:
      'Within the framework of "one team/one programme", IFAD agreed with FAO and WFP on the twin-track approach whereby mutually reinforcing food assistance and rural/agricultural development are required for achieving Millennium Development Goal 1.\n\n' +
      'IFAD also drew the attention of CEB to the growth of remittances to some $200 billion a year and their potential, if put to good use, for rural communities in the least developed countries.',
    returnReason: null,
    indicatorValues: [
      { indicator: 'LDCs with a country-level food security theme group', value: 0, note: 'Theme groups agreed; the first is to be set up in the next half-year.' },
      { indicator: 'Joint rural and agricultural development programmes in LDCs', value: 2, note: null },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'WFP',
    cycle: 'earlier',
    state: 'accepted',
    summary:
      'Joined FAO and IFAD in the decision to form country-level food security theme groups, and tested with FAO a cluster approach to humanitarian assistance.',
    narrative:
      'WFP strongly supports the food security theme groups, particularly in the least developed countries, as the right kind of partnership to help countries develop their food security strategies.\n\n' +
      'With FAO, WFP is testing a cluster approach to humanitarian assistance that moves in the same direction as the theme groups. The Executive Director of WFP reminded CEB that productive work depends on an educated, healthy and well-nourished workforce.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Joint rural and agricultural development programmes in LDCs', value: 1, note: null }],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-1',
    agency: 'DESA',
    cycle: 'earlier',
    state: 'accepted',
    summary:
      'Took part in the inter-agency consultations that prepared the midterm review of the Brussels Programme of Action and supported the follow-up proposals endorsed by CEB.',
    narrative:
      'DESA took part in the inter-agency consultations organized in preparation for the midterm review, which illustrated the need for information-sharing and synergy-building among entities working on the least developed countries.\n\n' +
      'DESA supports the transformation of those consultations into an inter-agency consultative group for the remainder of the Decade.',
    returnReason: null,
    indicatorValues: [
      {
        indicator: 'Inter-agency consultative group meetings held',
        value: 0,
        note: 'The group has been proposed and endorsed; it has not met yet.',
      },
    ],
  },

  // The Brussels Programme, latest closed cycle: all accepted, UNDP's after a return.
  {
    framework: 'BPoA',
    commitment: 'BPoA-1',
    agency: 'UNDP',
    cycle: 'closed',
    state: 'accepted',
    summary:
      'Related the support of UNDP country offices in least developed countries to the commitments of the Programme of Action, and counted UNDP once among the entities reporting on it.',
    narrative:
      'UNDP country offices in least developed countries continued to support national development and poverty reduction efforts.\n\n' +
      'As para. 32(b) asks, this report relates that support to the commitments of the Programme of Action: the country offices worked above all on a people-centred policy framework (commitment 1) and on good governance (commitment 2).\n\n' +
      'Revised after the lead agency returned the first version: the indicator now counts UNDP once, as an entity, not its country offices.',
    returnReason:
      'Para. 32(b) asks entities to report on their activities and achievements in mainstreaming the Programme of Action; the narrative lists country activities without relating them to the seven commitments. The indicator counts three country offices, whereas it counts entities: UNDP counts once. Please revise and resubmit.',
    indicatorValues: [{ indicator: 'Entities reporting on BPoA mainstreaming', value: 1, note: 'Counted once, as an entity (revised after the return).' }],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-1',
    agency: 'OHRLLS',
    cycle: 'closed',
    state: 'accepted',
    summary:
      'Turned the consultations that prepared the midterm review into the inter-agency consultative group, convened its first meeting, and assisted entities that have yet to mainstream the Programme of Action.',
    narrative:
      'As CEB endorsed (para. 32(c)), the Office of the High Representative transformed the inter-agency consultations held for the midterm review into an inter-agency consultative group for the accelerated implementation of the Programme of Action, and convened its first meeting.\n\n' +
      'The Office assisted other relevant entities in mainstreaming the Programme of Action and collected the first round of regular reports from the entities that have mainstreamed it.',
    returnReason: null,
    indicatorValues: [
      { indicator: 'Inter-agency consultative group meetings held', value: 1, note: null },
      { indicator: 'Entities reporting on BPoA mainstreaming', value: 1, note: null },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-1',
    agency: 'DESA',
    cycle: 'closed',
    state: 'accepted',
    summary: 'Took part in the first meeting of the inter-agency consultative group and reported on its own mainstreaming of the Programme of Action.',
    narrative:
      'DESA took part in the first meeting of the inter-agency consultative group and shared its analysis of the least developed countries, whose gains as a group remain insufficient to meet the goals agreed in Brussels.\n\n' +
      'DESA reported for the first time on its activities and achievements in mainstreaming the Programme of Action, as para. 32(b) asks.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Entities reporting on BPoA mainstreaming', value: 1, note: null }],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'IFAD',
    cycle: 'closed',
    state: 'accepted',
    summary: 'Formed the pilot food security theme group with FAO and WFP and brought its rural development programmes into it.',
    narrative:
      'With FAO and WFP, IFAD formed the pilot country-level food security theme group, in a least developed country where the three agencies all work.\n\n' +
      "IFAD brought its rural and agricultural development programmes there into the group's joint support, beside WFP's food assistance, as the twin-track approach asks.",
    returnReason: null,
    indicatorValues: [
      { indicator: 'LDCs with a country-level food security theme group', value: 1, note: 'The pilot group.' },
      { indicator: 'Joint rural and agricultural development programmes in LDCs', value: 2, note: null },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'WFP',
    cycle: 'closed',
    state: 'accepted',
    summary: 'Joined the pilot food security theme group and aligned its food assistance there with the rural development programmes of FAO and IFAD.',
    narrative:
      'WFP joined FAO and IFAD in the pilot food security theme group and aligned its food assistance in the pilot country with their rural and agricultural development programmes.\n\n' +
      'With FAO, WFP continued to test the cluster approach to humanitarian assistance.',
    returnReason: null,
    indicatorValues: [
      { indicator: 'LDCs with a country-level food security theme group', value: 1, note: 'The pilot group.' },
      { indicator: 'Joint rural and agricultural development programmes in LDCs', value: 1, note: null },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-3',
    agency: 'UNESCO',
    cycle: 'closed',
    state: 'accepted',
    summary: 'Mainstreamed the least developed countries in its programmes on education, culture, science and communication.',
    narrative:
      'UNESCO continued to mainstream the least developed countries in its work on education, culture, science and communication, as CEB members reported at the session (para. 33).\n\n' +
      'With WHO and UNICEF, UNESCO agreed to bring health and nutrition into the joint capacity-building support.',
    returnReason: null,
    indicatorValues: [{ indicator: 'LDCs receiving joint capacity-building support', value: 11, note: null }],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-3',
    agency: 'WHO',
    cycle: 'closed',
    state: 'accepted',
    summary: 'Began joint capacity-building with UNESCO and UNICEF in least developed countries where HIV/AIDS and civil strife have lowered life expectancy.',
    narrative:
      'WHO began joint capacity-building support with UNESCO and UNICEF for national health institutions in least developed countries affected by HIV/AIDS and civil strife, where life expectancy has been declining.',
    returnReason: null,
    indicatorValues: [{ indicator: 'LDCs receiving joint capacity-building support', value: 11, note: null }],
  },

  // The Brussels Programme, current cycle (due in three weeks): drafts, one submitted, FAO's on BPoA-4 not started
  // (the demo user creates it).
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'WFP',
    cycle: 'current',
    state: 'draft',
    summary: 'Working with FAO and IFAD to set up the first food security theme groups in least developed countries.',
    narrative:
      'WFP is working with FAO and IFAD to set up the first country-level food security theme groups, starting in the pilot country.\n\n' +
      '(Draft: to be completed with the results of the pilot before submission.)',
    returnReason: null,
    indicatorValues: [
      { indicator: 'LDCs with a country-level food security theme group', value: 1, note: 'Pilot country only (illustrative).' },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-4',
    agency: 'IFAD',
    cycle: 'current',
    state: 'submitted',
    summary:
      'Contributed rural development expertise to the first food security theme group and explored how remittances can support rural producers.',
    narrative:
      'IFAD brought its rural and agricultural development programmes into the first food security theme group, drawing on the poverty reduction strategy of the pilot country.\n\n' +
      'IFAD continued its work on putting remittances to good use in rural communities.',
    returnReason: null,
    indicatorValues: [
      { indicator: 'LDCs with a country-level food security theme group', value: 1, note: null },
      { indicator: 'Joint rural and agricultural development programmes in LDCs', value: 3, note: null },
    ],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-3',
    agency: 'WHO',
    cycle: 'current',
    state: 'draft',
    summary:
      'Addressed the health capacities of least developed countries where life expectancy is declining because of HIV/AIDS and civil strife.',
    narrative:
      'WHO supported national health institutions in least developed countries affected by HIV/AIDS and civil strife, where life expectancy has been declining.\n\n' +
      'Productive work depends on a healthy workforce: WHO coordinated with UNICEF and WFP on child health and nutrition in the first years of life.',
    returnReason: null,
    indicatorValues: [{ indicator: 'LDCs receiving joint capacity-building support', value: 12, note: null }],
  },
  {
    framework: 'BPoA',
    commitment: 'BPoA-5',
    agency: 'FAO',
    cycle: 'current',
    state: 'draft',
    summary: 'Preparing input on agricultural trade of the least developed countries for the CEB discussion of aid for trade in April 2007.',
    narrative:
      'FAO is preparing input for the CEB discussion of aid for trade, focused on the barriers facing agricultural exports of the least developed countries and on why few of them have been able to use duty-free/quota-free concessions.',
    returnReason: null,
    indicatorValues: [],
  },

  // The theme group, current cycle (due six days ago): all submitted on time but FAO's on FSTG-ETH-3, now overdue.
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-1',
    agency: 'FAO',
    cycle: 'current',
    state: 'accepted',
    summary:
      'Led the review of the poverty reduction strategy with IFAD and WFP and agreed with them a first list of three thematic coordination opportunities.',
    narrative:
      "FAO led the theme group's review of the national poverty reduction strategy. With IFAD and WFP it agreed a first list of three thematic coordination opportunities where food assistance and rural/agricultural development reinforce each other, and presented it to the Government.",
    returnReason: null,
    indicatorValues: [
      { indicator: 'Joint thematic coordination opportunities identified', value: 3, note: 'The joint list; IFAD and WFP report those each proposed.' },
    ],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-1',
    agency: 'IFAD',
    cycle: 'current',
    state: 'accepted',
    summary: 'Identified one coordination opportunity in rural development under the poverty reduction strategy.',
    narrative:
      'IFAD identified, with FAO, one thematic coordination opportunity in rural and agricultural development drawn from the poverty reduction strategy, to be combined with WFP food assistance.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Joint thematic coordination opportunities identified', value: 1, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-1',
    agency: 'WFP',
    cycle: 'current',
    state: 'accepted',
    summary: 'Reviewed the poverty reduction strategy with FAO and IFAD and proposed two coordination opportunities linking food assistance with rural development.',
    narrative:
      'WFP reviewed the national poverty reduction strategy with FAO and IFAD and proposed two opportunities where food assistance and rural/agricultural development reinforce each other, in line with the twin-track approach.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Joint thematic coordination opportunities identified', value: 2, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-2',
    agency: 'WFP',
    cycle: 'current',
    state: 'accepted',
    summary: 'Confirmed the national alliance against hunger as the counterpart of the theme group and held the first joint meeting with it.',
    narrative:
      "WFP confirmed with the Government that a national alliance against hunger brings together the ministries and civil society organizations concerned, and held the theme group's first joint meeting with it.",
    returnReason: null,
    indicatorValues: [{ indicator: 'Joint meetings with the national alliance against hunger', value: 1, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-2',
    agency: 'FAO',
    cycle: 'current',
    state: 'submitted',
    summary: 'Took part in the first joint meeting with the national alliance against hunger; revised after the return to count joint meetings only.',
    narrative:
      'FAO held meetings on food security with Government and civil society partners.\n\n' +
      "A national alliance against hunger exists in the country, and the theme group works through it (para. 51). One of FAO's meetings was the joint meeting with the alliance; the others were FAO's own and are no longer counted.",
    returnReason:
      'Please state whether a national alliance against hunger exists in the country: the theme group works through such alliances where they exist (para. 51). The meeting count also seems to include internal FAO meetings; count only joint meetings with the alliance.',
    indicatorValues: [
      { indicator: 'Joint meetings with the national alliance against hunger', value: 1, note: 'Joint meetings with the alliance only (revised after the return).' },
    ],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-2',
    agency: 'IFAD',
    cycle: 'current',
    state: 'accepted',
    summary: 'Took part in the first joint meeting with the national alliance against hunger and presented its rural programmes to civil society partners.',
    narrative:
      'IFAD took part in the first joint meeting of the theme group with the national alliance against hunger and presented its rural and agricultural development programmes to the civil society organizations of the alliance.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Joint meetings with the national alliance against hunger', value: 1, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-3',
    agency: 'IFAD',
    cycle: 'current',
    state: 'accepted',
    summary: 'Proposed two themes for Rome-based knowledge-sharing and shared a first note on the country experience of the theme group.',
    narrative:
      "IFAD proposed to FAO and WFP two themes on which Rome-based thematic groups could share knowledge: putting remittances to good use in rural communities, and the twin-track approach in practice. It shared a first note on the theme group's country experience with them.",
    returnReason: null,
    indicatorValues: [{ indicator: 'Knowledge products shared with Rome-based thematic groups', value: 1, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-3',
    agency: 'WFP',
    cycle: 'current',
    state: 'accepted',
    summary: 'Listed WFP country experience that could feed Rome-based knowledge-sharing groups.',
    narrative:
      'WFP listed its country experience with the twin-track approach that could be shared with Rome-based thematic groups, and shared the list with IFAD and FAO.',
    returnReason: null,
    indicatorValues: [{ indicator: 'Knowledge products shared with Rome-based thematic groups', value: 1, note: null }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-3',
    agency: 'FAO',
    cycle: 'current',
    state: 'draft',
    summary: "Drafting a note on FAO's country experience with the twin-track approach for the Rome-based thematic groups.",
    narrative:
      'FAO is drafting a note on its country experience with the twin-track approach, to be shared with the Rome-based thematic groups.\n\n' +
      '(Draft: the note is not finished; the report is not submitted yet.)',
    returnReason: null,
    indicatorValues: [],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-4',
    agency: 'FAO',
    cycle: 'current',
    state: 'accepted',
    summary: 'Prepared the review of the pilot phase and invited WHO and UNICEF to a joint discussion of their contribution.',
    narrative:
      'FAO prepared the review of the pilot phase of the theme group and invited WHO and UNICEF to a joint discussion of how their own capacities relating to food security could contribute to the joint effort (para. 51).',
    returnReason: null,
    indicatorValues: [{ indicator: 'Additional entities engaged in the theme group', value: 0, note: 'WHO and UNICEF invited; neither has joined yet.' }],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-4',
    agency: 'WFP',
    cycle: 'current',
    state: 'accepted',
    summary: "Shared WFP's experience of nutrition in food assistance with WHO and UNICEF ahead of the joint discussion.",
    narrative:
      'Productive work depends on an educated, healthy and well-nourished workforce: WFP shared with WHO and UNICEF its experience of nutrition in food assistance, to prepare the joint discussion on their contribution after the pilot phase.',
    returnReason: null,
    indicatorValues: [],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-4',
    agency: 'WHO',
    cycle: 'current',
    state: 'accepted',
    summary: "Explored how WHO's capacities in health and nutrition could contribute to the theme group after the pilot phase.",
    narrative:
      'WHO took part in a first discussion with the theme group and identified the capacities in health and nutrition that could contribute to the joint effort once the pilot phase ends.',
    returnReason: null,
    indicatorValues: [],
  },
  {
    framework: 'FSTG',
    commitment: 'FSTG-ETH-4',
    agency: 'UNICEF',
    cycle: 'current',
    state: 'accepted',
    summary: 'Explored with the theme group how child nutrition in the first years of life fits the twin-track approach.',
    narrative:
      'UNICEF explored with FAO, WFP and WHO how nutrition in the first 24 to 36 months of life could fit the twin-track approach of the theme group, ahead of the joint discussion after the pilot phase.',
    returnReason: null,
    indicatorValues: [],
  },
];

/**
 * Days from the cycle's due date at which each step of the workflow would ideally fall: started six weeks before,
 * submitted ten days before (a returned one: submitted, returned and answered before the due date), accepted four
 * days after. Steps that would fall on or after the load day are brought back before it, keeping their order.
 */
const STEP_DAYS: Record<'created' | 'submitted' | 'firstSubmitted' | 'returned' | 'resubmitted' | 'accepted', number> = {
  created: -45,
  submitted: -10,
  firstSubmitted: -20,
  returned: -15,
  resubmitted: -5,
  accepted: 4,
};

function historyOf(report: ReportSketch, cycle: DemoCycle, today: IsoDate, index: number): DemoReportStep[] {
  const path = stepsTo(report.state, report.returnReason !== null);
  // Reports are not all written on the same day: each is shifted by up to three days, and given its own hour.
  const shift = index % 4;
  const minutes = 9 * 60 + ((index * 37) % (8 * 60));
  return path.map(([action, days], step) => {
    const ideal = addDays(cycle.dueOn, days - shift);
    const latest = addDays(today, step - path.length); // the last step the day before the load, the others before it
    const day = ideal < latest ? ideal : latest;
    return { action, at: new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000) };
  });
}

function stepsTo(state: ActivityReportState, returnedOnce: boolean): [DemoReportStep['action'], number][] {
  const steps: [DemoReportStep['action'], number][] = [['created', STEP_DAYS.created]];
  if (state === 'draft') return steps;
  if (!returnedOnce) {
    steps.push(['submitted', STEP_DAYS.submitted]);
  } else {
    steps.push(['submitted', STEP_DAYS.firstSubmitted], ['returned', STEP_DAYS.returned]);
    if (state === 'returned') return steps;
    steps.push(['submitted', STEP_DAYS.resubmitted]);
  }
  if (state === 'accepted') steps.push(['accepted', STEP_DAYS.accepted]);
  return steps;
}

/** The demo data as of `now`: the seed's content, with its reporting cycles and reports placed around that day. */
export function demoData(now: Date = new Date()): DemoData {
  const calendar = demoCalendar(now);
  const frameworks = [bpoa, fstg, gms, decisions].map(
    (framework): DemoFramework => ({
      ...framework,
      description: `${framework.description}\n\n${ILLUSTRATIVE_CYCLES}`,
      cycles: Object.values(cycleSlots(framework.code, calendar)),
    }),
  );
  return {
    agencies: demoAgencies,
    frameworks,
    activityReports: activityReports.map((report, index): DemoActivityReport => {
      const cycle = cycleSlots(report.framework, calendar)[report.cycle];
      if (!cycle) throw new Error(`The demo's ${report.framework} has no ${report.cycle} cycle (${report.agency} on ${report.commitment}).`);
      return {
        ...report,
        cycle: cycle.label,
        narrative: `${report.narrative}\n\n${ILLUSTRATIVE_REPORT}`,
        history: historyOf(report, cycle, calendar.today, index),
      };
    }),
  };
}
