package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.view.Finding;

import java.util.List;

/** One kind of finding: pure logic over the examined cluster. */
interface Rule {
    List<Finding> examine(Examination cluster);
}
