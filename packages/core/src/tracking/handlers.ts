import type { CoreContext } from '../app/context';
import type { HandlersOf } from '../contract/rpc';
import type { trackingContract } from '../contract/tracking';
import { activityRegistry, listSources, registerActivityProvider } from '../stamps';
import { trackingActivityProvider } from './activity';
import { dashboard, todayPanel } from './dashboard-service';
import { checkHabit, deleteGoal, deleteHabit, habitDetail, listGoals, listHabits, saveGoal, saveHabit } from './habits-service';
import {
  checkIn,
  dayValues,
  deleteMetric,
  exportCsv,
  importCsv,
  listMetrics,
  listValues,
  logValue,
  saveMetric,
  setValue,
  valueHistory,
} from './metrics-service';
import { startWeekReview, weekReview } from './review-service';
import { ensureTrackingSeeded } from './seed';
import { deleteSpend, listSpend, saveSpend } from './spend-service';
import { deleteTask, listTasks, saveTask, setTaskDone, taskHistory } from './tasks-service';
import {
  addTimeLine,
  deleteBlock,
  deleteCategory,
  getTimer,
  listCategories,
  saveCategory,
  saveTimeLog,
  startTimer,
  stopTimer,
  timeDay,
} from './time-service';

/** The tracking domain: registers its activity provider and answers the `tracking:*` calls. */
export function createTrackingHandlers(ctx: CoreContext): HandlersOf<typeof trackingContract> {
  registerActivityProvider(ctx, trackingActivityProvider(ctx));
  const handlers: HandlersOf<typeof trackingContract> = {
    async 'tracking:metrics'({ includeArchived }) {
      return listMetrics(ctx, includeArchived ?? false);
    },
    async 'tracking:metric-save'(p) {
      return saveMetric(ctx, p);
    },
    async 'tracking:metric-delete'({ id }) {
      return deleteMetric(ctx, id);
    },
    async 'tracking:day'({ date }) {
      return dayValues(ctx, date);
    },
    async 'tracking:checkin'(p) {
      return checkIn(ctx, p);
    },
    async 'tracking:log'(p) {
      return logValue(ctx, p);
    },
    async 'tracking:values'({ from, to, metricIds }) {
      return listValues(ctx, from, to, metricIds);
    },
    async 'tracking:value-set'(p) {
      return setValue(ctx, p);
    },
    async 'tracking:value-history'(p) {
      return valueHistory(ctx, p);
    },
    async 'tracking:csv-export'(p) {
      return exportCsv(ctx, p);
    },
    async 'tracking:csv-import'(p) {
      return importCsv(ctx, p);
    },

    async 'tracking:habits'({ includeArchived }) {
      return listHabits(ctx, includeArchived ?? false);
    },
    async 'tracking:habit-save'(p) {
      return saveHabit(ctx, p);
    },
    async 'tracking:habit-delete'({ id }) {
      deleteHabit(ctx, id);
      return { id };
    },
    async 'tracking:habit-check'(p) {
      return checkHabit(ctx, p);
    },
    async 'tracking:habit-detail'({ id, from, to }) {
      return habitDetail(ctx, id, from, to);
    },
    async 'tracking:goals'({ month }) {
      return listGoals(ctx, month);
    },
    async 'tracking:goal-save'(p) {
      return saveGoal(ctx, p);
    },
    async 'tracking:goal-delete'({ id }) {
      deleteGoal(ctx, id);
      return { id };
    },
    async 'tracking:sources'() {
      const registry = activityRegistry(ctx);
      return listSources().map((s) => ({
        ...s,
        available: registry.isAvailable(s.parameter ? s.id.replace(/<[^>]+>$/, 'x') : s.id),
      }));
    },

    async 'tracking:time-day'({ day }) {
      return timeDay(ctx, day);
    },
    async 'tracking:time-log-save'(p) {
      return saveTimeLog(ctx, p);
    },
    async 'tracking:time-add'(p) {
      return addTimeLine(ctx, p);
    },
    async 'tracking:time-block-delete'({ id }) {
      deleteBlock(ctx, id);
      return { id };
    },
    async 'tracking:timer'() {
      return getTimer(ctx);
    },
    async 'tracking:timer-start'({ text }) {
      return startTimer(ctx, text);
    },
    async 'tracking:timer-stop'() {
      return stopTimer(ctx);
    },
    async 'tracking:categories'() {
      return listCategories(ctx);
    },
    async 'tracking:category-save'(p) {
      return saveCategory(ctx, p);
    },
    async 'tracking:category-delete'({ id }) {
      deleteCategory(ctx, id);
      return { id };
    },

    async 'tracking:tasks'({ doneLimit }) {
      return listTasks(ctx, doneLimit);
    },
    async 'tracking:task-save'(p) {
      return saveTask(ctx, p);
    },
    async 'tracking:task-done'({ id, done }) {
      return setTaskDone(ctx, id, done);
    },
    async 'tracking:task-delete'({ id }) {
      deleteTask(ctx, id);
      return { id };
    },
    async 'tracking:task-history'({ by }) {
      return taskHistory(ctx, by);
    },

    async 'tracking:spend'(p) {
      return listSpend(ctx, p);
    },
    async 'tracking:spend-save'(p) {
      return saveSpend(ctx, p);
    },
    async 'tracking:spend-delete'({ id }) {
      deleteSpend(ctx, id);
      return { id };
    },

    async 'tracking:today'() {
      return todayPanel(ctx);
    },
    async 'tracking:dashboard'(p) {
      return dashboard(ctx, p);
    },
    async 'tracking:week-review'({ weekOf }) {
      return weekReview(ctx, weekOf);
    },
    async 'tracking:week-review-start'({ weekOf }) {
      return startWeekReview(ctx, weekOf);
    },
  };
  // The default metrics and categories exist before any call reads them (also after a restore).
  for (const [name, fn] of Object.entries(handlers)) {
    (handlers as Record<string, (p: unknown) => Promise<unknown>>)[name] = (p: unknown) => {
      ensureTrackingSeeded(ctx);
      return (fn as (p: unknown) => Promise<unknown>)(p);
    };
  }
  return handlers;
}
