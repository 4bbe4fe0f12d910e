/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

import 'vue-router';
declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    title?: string;
    /** Roles that may not open the route (the menu hides it for them too). */
    denyRoles?: string[];
    /** Only these roles may open the route (the menu shows it to them only). */
    roles?: string[];
    /** Only accounts the server lets do this (GET /auth/me allowed_actions) may open the route. */
    action?: import('./api/types').Action;
  }
}
