package kiln.audio.internal;

import kiln.api.ServiceNames;
import kiln.api.data.FeatureExtractor;
import kiln.api.data.FrontendSettings;
import kiln.audio.frontend.MicroFrontend;
import org.osgi.service.component.annotations.Component;

/** The bit-exact microfrontend as a {@link FeatureExtractor} service named {@code audio-frontend}. */
@Component(service = FeatureExtractor.class, property = {
    ServiceNames.NAME + "=audio-frontend",
    ServiceNames.DESCRIPTION + "=TFLite Micro microfrontend (bit-exact Java port, MLTK settings)"})
public class AudioFrontendExtractor implements FeatureExtractor {
  // one frontend per thread and settings: tables are shared, work buffers are not
  private final ThreadLocal<MicroFrontend> last = new ThreadLocal<>();

  @Override
  public String description() {
    return "TFLite Micro microfrontend (bit-exact Java port, MLTK settings)";
  }

  @Override
  public int[] extract(short[] pcm, FrontendSettings settings) {
    return frontend(settings).extract(pcm);
  }

  @Override
  public int frameCount(int sampleCount, FrontendSettings settings) {
    return settings.frameCount(sampleCount);
  }

  private MicroFrontend frontend(FrontendSettings settings) {
    MicroFrontend f = last.get();
    if (f == null || !f.settingsEqual(settings)) {
      f = new MicroFrontend(settings);
      last.set(f);
    }
    return f;
  }
}
