import type { Role } from "../domain/vocabulary.js";

/** The signed-in staff person on whose behalf a use case runs. */
export interface Actor {
  personId: string;
  organisationId: string;
  name: string;
  roles: Role[];
}
