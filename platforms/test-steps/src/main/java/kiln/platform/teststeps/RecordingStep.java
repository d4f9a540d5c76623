package kiln.platform.teststeps;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;

/** What every step of this plugin shares: its bundle context, and a line in the call log per call. */
abstract class RecordingStep {
  private BundleContext context;

  @Activate
  void activate(BundleContext ctx) {
    this.context = ctx;
  }

  BundleContext context() {
    return context;
  }

  void record(String line) {
    CallLog.add(context, line);
  }
}
