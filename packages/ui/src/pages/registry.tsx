import type { ComponentType } from 'react';
import { WeeklyReviewPage } from '../review/WeeklyReviewPage';
import type { Route } from '../shell/router';
import { StampsPage } from '../stamps/StampsPage';
import { TrackPage } from '../tracking/TrackPage';
import { DashboardPage } from './DashboardPage';
import { InboxPage } from './InboxPage';
import { JournalPage } from './JournalPage';
import { PapersPage } from './PapersPage';
import { SearchPage } from './SearchPage';
import { SettingsPage } from './SettingsPage';
import { TodayPage } from './TodayPage';

export interface PageProps {
  route: Route;
}

export interface PageDef {
  id: string;
  title: string;
  icon: string;
  /** Shown in the sidebar (Alt+digit jumps there) unless hidden. */
  hidden?: boolean;
  component: ComponentType<PageProps>;
}

/** The sidebar's pages, in order. Sub-pages (an entry, a paper, the stamps collection) are routes inside them. */
export const PAGES: PageDef[] = [
  { id: 'today', title: 'Today', icon: 'today', component: TodayPage },
  { id: 'journal', title: 'Journal', icon: 'journal', component: JournalPage },
  { id: 'papers', title: 'Papers', icon: 'papers', component: PapersPage },
  { id: 'dashboard', title: 'Dashboard', icon: 'dashboard', component: DashboardPage },
  { id: 'search', title: 'Search', icon: 'search', component: SearchPage },
  { id: 'inbox', title: 'Inbox', icon: 'inbox', component: InboxPage },
  { id: 'settings', title: 'Settings', icon: 'settings', component: SettingsPage },
  // Reached from the dashboard and the palette.
  { id: 'track', title: 'Tracking', icon: 'timer', hidden: true, component: TrackPage },
  { id: 'stamps', title: 'Stamps', icon: 'stamps', hidden: true, component: StampsPage },
  { id: 'review', title: 'Weekly review', icon: 'review', hidden: true, component: WeeklyReviewPage },
];
