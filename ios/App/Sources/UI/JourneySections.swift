#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// What every journey screen shows below its step: the last call's spinner and problem, and the
/// core's cancel and finish (finishing closes the screen).
struct JourneyFooter<Flow: SavedFlow>: View {
    let model: JourneyModel<Flow>
    let done: @MainActor () -> Void

    var body: some View {
        Section {
            StepProblem(steps: model.steps)
            OfferedButton(offered: model.view.cancel, busy: model.steps.busy) { model.cancel() }
            OfferedButton(offered: model.view.finish, busy: model.steps.busy) {
                model.finish()
                done()
            }
        }
    }
}

/// A sent step whose outcome is being established: resolve, as the core offers it.
struct PendingSection<Flow: SavedFlow>: View {
    let model: JourneyModel<Flow>
    let resolve: @MainActor () -> Void

    var body: some View {
        Section {
            ProgressView("در حال پیگیری نتیجه از بانک…")
            OfferedButton(offered: model.view.resolve, busy: model.steps.busy, action: resolve)
        }
    }
}

/// A dynamic-PIN step as the core offers it: its note, the soft token first when the phone holds
/// the card's, the SMS PIN's button (its countdown and what is left are in its label and state),
/// paying with the PIN.
struct PinSection: View {
    let pin: PinActions
    let busy: Bool
    @Binding var code: String
    let softToken: @MainActor () -> Void
    let request: @MainActor () -> Void
    let pay: @MainActor () -> Void

    var body: some View {
        Section {
            Text(pin.noteFa).font(.footnote)
            OfferedButton(offered: pin.payWithSoftToken, busy: busy, action: softToken)
            OfferedButton(offered: pin.requestPin, busy: busy, action: request)
            SecretField(title: "رمز پویا", text: $code)
            OfferedButton(offered: pin.payWithSmsPin, busy: busy, action: pay)
        }
    }
}

/// A card's CVV2 and expiry, asked before paying by card.
struct CardSecrets: View {
    @Binding var cvv2: String
    @Binding var expiry: String

    var body: some View {
        Section {
            SecretField(title: "CVV2", text: $cvv2)
            InputField(title: "تاریخ انقضا (سال‌ماه)", text: $expiry, keyboard: .numberPad)
        }
    }
}
#endif
