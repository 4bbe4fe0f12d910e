// First run (首次使用): whether the database has a street yet, and creating the district, the
// street and the first two accounts with the setup code the server printed on its console.
// Both endpoints are public: nobody can sign in before they have run.
import { http } from './index';

export interface SetupStatus {
  /** true once any street exists */
  initialized: boolean;
}

export interface SetupRequest {
  setup_code: string;
  district_name: string;
  district_code?: string;
  street_name: string;
  street_code?: string;
  admin_username: string;
  admin_password: string;
  security_username?: string;
}

export interface SetupResult {
  district: { id: number; name: string };
  street: { id: number; name: string };
  admin: { username: string };
  /** the security administrator's password is shown once and must be changed at first login */
  security: { username: string; one_time_password: string };
}

export const setupApi = {
  status: () => http.request<SetupStatus>('GET', '/api/v1/setup', { anonymous: true }),
  initialize: (body: SetupRequest) => http.request<SetupResult>('POST', '/api/v1/setup', { json: body, anonymous: true }),
};
