package kiln.models;

import java.util.List;
import kiln.models.internal.AudioExample1Spec;
import kiln.models.internal.FashionMnistExampleSpec;
import kiln.models.internal.KeywordSpottingYesNoSpec;
import kiln.models.internal.ImageExample1Spec;
import kiln.models.internal.RockPaperScissorsSpec;
import kiln.models.internal.TfliteMicroSpeechSpec;
import kiln.spec.SpecProvider;

/**
 * The reference specs as plain objects, for tests outside OSGi:
 * {@code SearchPathModelFinder.standard(ReferenceSpecs::all).load("keyword_spotting_yes_no")}.
 * Inside OSGi they are SpecProvider services.
 */
public final class ReferenceSpecs {
  private ReferenceSpecs() {}

  public static List<SpecProvider> all() {
    return List.of(new AudioExample1Spec(), new FashionMnistExampleSpec(), new ImageExample1Spec(),
        new KeywordSpottingYesNoSpec(),
        new RockPaperScissorsSpec(), new TfliteMicroSpeechSpec());
  }
}
