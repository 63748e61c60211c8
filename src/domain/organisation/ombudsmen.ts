import type { Division } from '../calendar/index.ts';

export interface OmbudsmanDetails {
  name: string;
  phone: string;
  email: string | null;
  website: string;
}

// Whom a resident can go to after the landlord's final response, by the landlord's
// nation: correspondence must carry these details (Code §6.6, §6.20 in England).
export const DEFAULT_OMBUDSMAN: Readonly<Record<Division, OmbudsmanDetails>> = {
  'england-and-wales': {
    name: 'Housing Ombudsman Service',
    phone: '0300 111 3000',
    email: 'info@housing-ombudsman.org.uk',
    website: 'https://www.housing-ombudsman.org.uk',
  },
  scotland: {
    name: 'Scottish Public Services Ombudsman',
    phone: '0800 377 7330',
    email: null,
    website: 'https://www.spso.org.uk',
  },
  'northern-ireland': {
    name: 'Northern Ireland Public Services Ombudsman',
    phone: '0800 34 34 24',
    email: 'nipso@nipso.org.uk',
    website: 'https://www.nipso.org.uk',
  },
};
