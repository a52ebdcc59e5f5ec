import CitationModel
import Testing

/// How study designs read in tables, maps and `evidence show`.
struct StudyDesignTests {
    @Test func labelsReadAsWordsNotIdentifiers() {
        #expect(StudyDesign.systematicReview.label == "systematic review")
        #expect(StudyDesign.quasiExperimental.label == "quasi experimental")
        #expect(StudyDesign.mixedMethods.label == "mixed methods")
        #expect(StudyDesign.caseStudy.label == "case study")
        #expect(StudyDesign.trial.label == "trial")
    }
}
