import Testing

@testable import Importers

/// Helpers start only while a core is free, readers always run, and cores given back can be taken again.
@Suite struct CoreBudgetTests {
    @Test func helpersTakeOnlyTheCoresReadersLeaveFree() {
        let budget = CoreBudget(cores: 2)
        budget.reading {
            #expect(budget.takeFreeCore())
            #expect(!budget.takeFreeCore(), "a reader and a helper fill two cores")
            budget.release()
            budget.reading {
                #expect(!budget.takeFreeCore(), "two readers fill two cores")
            }
            #expect(budget.takeFreeCore(), "the second reader gave its core back")
            budget.release()
        }
        #expect(budget.takeFreeCore())
        #expect(budget.takeFreeCore())
        #expect(!budget.takeFreeCore())
    }

    @Test func aReaderRunsEvenWhenEveryCoreIsTaken() {
        let budget = CoreBudget(cores: 1)
        #expect(budget.takeFreeCore())
        #expect(budget.reading { 42 } == 42)
        budget.release()
        #expect(budget.takeFreeCore())
    }
}
