package kiln.models;

import java.util.List;
import kiln.models.internal.AnomalyDetectionSpec;
import kiln.models.internal.AudioExample1Spec;
import kiln.models.internal.AudioTfDatasetSpec;
import kiln.models.internal.AutoencoderExampleSpec;
import kiln.models.internal.BasicExampleSpec;
import kiln.models.internal.BasicTfDatasetExampleSpec;
import kiln.models.internal.BinaryClassificationSpec;
import kiln.models.internal.Conv1dExampleSpec;
import kiln.models.internal.FashionMnistExampleSpec;
import kiln.models.internal.FingerprintSignatureGeneratorSpec;
import kiln.models.internal.ImageClassificationSpec;
import kiln.models.internal.ImageExample1Spec;
import kiln.models.internal.ImageTfDatasetSpec;
import kiln.models.internal.KeywordSpottingAlexaSpec;
import kiln.models.internal.KeywordSpottingHeygeckoSpec;
import kiln.models.internal.KeywordSpottingMobilenetv2Spec;
import kiln.models.internal.KeywordSpottingNumbersSpec;
import kiln.models.internal.KeywordSpottingOnOffSpec;
import kiln.models.internal.KeywordSpottingOnOffV2Spec;
import kiln.models.internal.KeywordSpottingOnOffV3Spec;
import kiln.models.internal.KeywordSpottingPacmanSpec;
import kiln.models.internal.KeywordSpottingPacmanV2Spec;
import kiln.models.internal.KeywordSpottingPacmanV3Spec;
import kiln.models.internal.KeywordSpottingSpec;
import kiln.models.internal.KeywordSpottingWithTransferLearningSpec;
import kiln.models.internal.KeywordSpottingYesNoSpec;
import kiln.models.internal.KwsBcResnetSpec;
import kiln.models.internal.RockPaperScissorsSpec;
import kiln.models.internal.SiameseContrastiveSpec;
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

  /** Every reference spec, by name. */
  public static List<SpecProvider> all() {
    return List.of(
        new AnomalyDetectionSpec(),
        new AudioExample1Spec(),
        new AudioTfDatasetSpec(),
        new AutoencoderExampleSpec(),
        new BasicExampleSpec(),
        new BasicTfDatasetExampleSpec(),
        new BinaryClassificationSpec(),
        new Conv1dExampleSpec(),
        new FashionMnistExampleSpec(),
        new FingerprintSignatureGeneratorSpec(),
        new ImageClassificationSpec(),
        new ImageExample1Spec(),
        new ImageTfDatasetSpec(),
        new KeywordSpottingSpec(),
        new KeywordSpottingAlexaSpec(),
        new KeywordSpottingHeygeckoSpec(),
        new KeywordSpottingMobilenetv2Spec(),
        new KeywordSpottingNumbersSpec(),
        new KeywordSpottingOnOffSpec(),
        new KeywordSpottingOnOffV2Spec(),
        new KeywordSpottingOnOffV3Spec(),
        new KeywordSpottingPacmanSpec(),
        new KeywordSpottingPacmanV2Spec(),
        new KeywordSpottingPacmanV3Spec(),
        new KeywordSpottingWithTransferLearningSpec(),
        new KeywordSpottingYesNoSpec(),
        new KwsBcResnetSpec(),
        new RockPaperScissorsSpec(),
        new SiameseContrastiveSpec(),
        new TfliteMicroMagicWandSpec(),
        new TfliteMicroSpeechSpec(),
        new VisualWakeWordsSpec());
  }
}
