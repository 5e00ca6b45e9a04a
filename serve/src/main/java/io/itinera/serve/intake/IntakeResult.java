package io.itinera.serve.intake;

import io.itinera.runtime.io.DeadLetter;
import java.util.List;

/** What became of a request's events: how many were appended, and each refused one with its reason. */
public record IntakeResult(int accepted, List<DeadLetter> rejected) {
}
