export { fakeService, type FakeCall, type FakeService } from './fake-service.ts';
export {
  sagaOutcome,
  sagaSpec,
  type SagaExpectation,
  type SagaGiven,
  type SagaOutcome,
  type SagaThen,
  type SagaWhen,
} from './saga-spec.ts';
