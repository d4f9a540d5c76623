package kiln.models;

import java.util.List;
import kiln.models.internal.AnomalyDetectionSpec;
import kiln.models.internal.AudioExample1Spec;
import kiln.models.internal.FashionMnistExampleSpec;
import kiln.models.internal.ImageClassificationSpec;
import kiln.models.internal.ImageExample1Spec;
import kiln.models.internal.KeywordSpottingOnOffSpec;
import kiln.models.internal.KeywordSpottingPacmanSpec;
import kiln.models.internal.KeywordSpottingSpec;
import kiln.models.internal.KeywordSpottingYesNoSpec;
import kiln.models.internal.RockPaperScissorsSpec;
import kiln.models.internal.TfliteMicroMagicWandSpec;
import kiln.models.internal.TfliteMicroSpeechSpec;
import kiln.models.internal.VisualWakeWordsSpec;
import kiln.spec.SpecProvider;

/**
 * The reference specs as plain objects, for tests outside OSGi:
 * {@code SearchPathModelFinder.standard(ReferenceSpecs::all).load("keyword_spotting_yes_no")}.
 * Inside OSGi they are SpecProvider services.
 */
public final class ReferenceSpecs {
  private ReferenceSpecs() {}

  public static List<SpecProvider> all() {
    return List.of(new AnomalyDetectionSpec(), new AudioExample1Spec(), new FashionMnistExampleSpec(),
        new ImageClassificationSpec(), new ImageExample1Spec(), new KeywordSpottingSpec(),
        new KeywordSpottingOnOffSpec(), new KeywordSpottingPacmanSpec(), new KeywordSpottingYesNoSpec(),
        new RockPaperScissorsSpec(), new TfliteMicroMagicWandSpec(), new TfliteMicroSpeechSpec(),
        new VisualWakeWordsSpec());
  }
}
