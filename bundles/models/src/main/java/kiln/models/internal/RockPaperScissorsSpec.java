package kiln.models.internal;

import kiln.models.rock_paper_scissors;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec rock_paper_scissors. */
@Component(service = SpecProvider.class, property = "kiln.name=rock_paper_scissors")
public class RockPaperScissorsSpec extends BundledSpec {
  public RockPaperScissorsSpec() {
    super(rock_paper_scissors.class, rock_paper_scissors::new);
  }
}
