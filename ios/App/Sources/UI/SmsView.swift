#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Banking by SMS while data is down: the composer sends the frame (the customer taps Send);
/// the bank's reply, read in Messages, is pasted here and handed to the core. One exchange at
/// a time (`SmsBankingModel`); accounts and cards are named by the core's labels (the HTTPS
/// lists, else the directory kept from the last time they loaded), or typed as rows the core
/// checks. `leave` closes SMS banking opened from the login screen.
struct SmsView: View {
    let model: SmsBankingModel
    let leave: (@MainActor () -> Void)?

    var body: some View {
        Form {
            Section {
                Text(model.channel.reasonFa)
            }
            if model.ready {
                SmsReplyView(model: model)
                SmsAccountSection(model: model)
                SmsTransferSection(model: model)
                SmsBillSection(model: model)
                SmsBlockSection(model: model)
            } else {
                Section {
                    Text("کلید پیامکی یک بار، با اینترنت، با بانک توافق می‌شود.")
                    StepButton(title: "راه‌اندازی بانکداری پیامکی", busy: model.steps.busy) { model.setUp() }
                    SmsOutcomeView(model: model, task: .setUp)
                }
            }
            if let leave {
                StepButton(title: "خروج از بانکداری پیامکی", action: leave)
            }
        }
        .navigationTitle("بانکداری پیامکی")
        .onAppear { model.load() }
    }
}

/// The bank's reply, read in Messages and pasted here (an iPhone app can neither read nor
/// receive SMS).
struct SmsReplyView: View {
    let model: SmsBankingModel
    @State private var reply = ""

    var body: some View {
        Section("پاسخ بانک را از پیام‌ها اینجا بچسبانید") {
            TextEditor(text: $reply)
                .frame(minHeight: 88)
                .environment(\.layoutDirection, .leftToRight)
                .accessibilityLabel("پاسخ بانک")
            StepButton(title: "ثبت پاسخ") {
                model.sms.deliver(sms: .text(text: reply))
                reply = ""
            }
            .disabled(reply.isEmpty)
        }
    }
}

/// Picks a row of the bank's list by its label, or takes it typed (1, 2, …) when no label is
/// known; the core checks a typed row.
struct SmsRowPicker: View {
    let model: SmsBankingModel
    let title: String
    let rows: [String]
    @Binding var selection: Int
    @Binding var typed: String

    var body: some View {
        if rows.isEmpty {
            InputField(title: "ردیف \(title) (۱، ۲، …)", text: $typed, keyboard: .numberPad)
            if let problem = model.rowProblem(typed) { ProblemView(problem) }
        } else {
            Picker(title, selection: $selection) {
                ForEach(Array(rows.enumerated()), id: \.offset) { offset, row in
                    Text(row).tag(offset)
                }
            }
            .frame(minHeight: touchTarget)
        }
    }

    /// The index an SMS carries: the row picked, or the row typed as the core reads it (nil
    /// when the core refuses it).
    static func index(_ model: SmsBankingModel, rows: [String], selection: Int, typed: String) -> UInt8? {
        rows.isEmpty ? model.typedRow(typed) : UInt8(exactly: selection)
    }

    /// How a confirmation names the row: its label, else what was typed.
    static func name(rows: [String], selection: Int, typed: String) -> String {
        rows.indices.contains(selection) ? rows[selection] : typed
    }
}

/// Balance and last five entries of the chosen account over SMS.
struct SmsAccountSection: View {
    let model: SmsBankingModel
    @State private var row = 0
    @State private var typed = "1"

    var body: some View {
        let index = SmsRowPicker.index(model, rows: model.accountRows, selection: row, typed: typed)
        Section("موجودی و گردش حساب") {
            SmsRowPicker(model: model, title: "حساب", rows: model.accountRows, selection: $row, typed: $typed)
            StepButton(title: "موجودی", busy: model.steps.busy) {
                if let index { model.balance(row: index) }
            }
            .disabled(index == nil)
            StepButton(title: "پنج گردش آخر", busy: model.steps.busy) {
                if let index { model.lastFive(row: index) }
            }
            .disabled(index == nil)
            SmsOutcomeView(model: model, task: .account)
        }
    }
}

/// Card to card over SMS: source card, destination and amount make one transfer (one key; the
/// fields then stay), its PIN asked over SMS, then sent with the PIN, CVV2 and expiry; an
/// unknown outcome offers only "resolve".
struct SmsTransferSection: View {
    let model: SmsBankingModel
    @State private var row = 0
    @State private var typed = "1"
    @State private var destination = ""
    @State private var amount = ""
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

    var body: some View {
        let busy = model.steps.busy
        let unknown = model.unresolved.contains(.transfer)
        Section("کارت به کارت پیامکی") {
            if model.transfer == nil {
                let index = SmsRowPicker.index(model, rows: model.cardRows, selection: row, typed: typed)
                SmsRowPicker(model: model, title: "کارت مبدأ", rows: model.cardRows, selection: $row, typed: $typed)
                InputField(title: "شماره کارت مقصد", text: $destination, keyboard: .numberPad)
                InputField(title: "مبلغ (ریال)", text: $amount, keyboard: .numberPad)
                StepButton(title: "دریافت رمز پویا", busy: busy) {
                    if let index { model.requestTransferPin(row: index, destinationPan: destination, amount: amount) }
                }
                .disabled(index == nil)
            } else {
                StepButton(title: "دریافت دوباره رمز پویا", busy: busy) {
                    model.requestTransferPin(row: 0, destinationPan: destination, amount: amount)
                }
                .disabled(unknown)
                SecretField(title: "رمز پویا", text: $pin)
                SecretField(title: "CVV2", text: $cvv2)
                InputField(title: "تاریخ انقضا (سال‌ماه)", text: $expiry, keyboard: .numberPad)
                StepButton(title: "پرداخت", busy: busy) {
                    model.payTransfer(pin: pin, cvv2: cvv2, expiry: expiry)
                    pin = ""
                    cvv2 = ""
                }
                .disabled(unknown)
                if unknown {
                    StepButton(title: "پیگیری نتیجه", busy: busy) { model.resolveTransfer() }
                }
                StepButton(title: "کارت به کارت تازه", busy: busy) { model.newTransfer() }.disabled(unknown)
            }
            SmsOutcomeView(model: model, task: .transfer)
        }
    }
}

/// A bill paid over SMS from the chosen account, exactly once; resolved by its key when the
/// outcome is unknown.
struct SmsBillSection: View {
    let model: SmsBankingModel
    @State private var row = 0
    @State private var typed = "1"
    @State private var billId = ""
    @State private var paymentId = ""
    @State private var amount = ""

    var body: some View {
        let busy = model.steps.busy
        let index = SmsRowPicker.index(model, rows: model.accountRows, selection: row, typed: typed)
        let unknown = model.unresolved.contains(.bill)
        Section("پرداخت قبض پیامکی") {
            SmsRowPicker(model: model, title: "حساب", rows: model.accountRows, selection: $row, typed: $typed)
            InputField(title: "شناسه قبض", text: $billId, keyboard: .numberPad)
            InputField(title: "شناسه پرداخت", text: $paymentId, keyboard: .numberPad)
            InputField(title: "مبلغ (ریال)", text: $amount, keyboard: .numberPad)
            StepButton(title: "پرداخت از حساب", busy: busy) {
                if let index { model.payBill(row: index, billId: billId, paymentId: paymentId, amount: amount) }
            }
            .disabled(unknown || index == nil)
            if unknown {
                StepButton(title: "پیگیری نتیجه", busy: busy) { model.resolveBill() }
            }
            if model.payment != nil {
                StepButton(title: "قبض تازه", busy: busy) { model.newBill() }.disabled(unknown)
            }
            SmsOutcomeView(model: model, task: .bill)
        }
    }
}

/// Blocking the chosen card (as lost) over SMS, after a confirmation: it cannot be undone here.
struct SmsBlockSection: View {
    let model: SmsBankingModel
    @State private var row = 0
    @State private var typed = "1"
    @State private var confirming = false

    var body: some View {
        let busy = model.steps.busy
        let index = SmsRowPicker.index(model, rows: model.cardRows, selection: row, typed: typed)
        let unknown = model.unresolved.contains(.block)
        let name = SmsRowPicker.name(rows: model.cardRows, selection: row, typed: typed)
        Section("مسدودسازی کارت پیامکی") {
            SmsRowPicker(model: model, title: "کارت", rows: model.cardRows, selection: $row, typed: $typed)
            StepButton(title: "مسدودسازی کارت", role: .destructive, busy: busy) {
                confirming = true
            }
            .disabled(unknown || index == nil)
            .confirmationDialog(
                "کارت \(name) مسدود می‌شود و دیگر با آن نمی‌توان پرداخت کرد. ادامه می‌دهید؟",
                isPresented: $confirming, titleVisibility: .visible
            ) {
                Button("مسدود شود", role: .destructive) { if let index { model.blockCard(row: index) } }
                Button("انصراف", role: .cancel) {}
            }
            if unknown {
                StepButton(title: "پیگیری نتیجه", busy: busy) { model.resolveBlock() }
            }
            SmsOutcomeView(model: model, task: .block)
        }
    }
}

/// The outcome of `task`'s last exchange: the bank's answer in Persian with its figures, or the
/// problem; while it runs, where the reply goes.
struct SmsOutcomeView: View {
    let model: SmsBankingModel
    let task: SmsTask

    var body: some View {
        if model.task == task {
            if model.steps.busy {
                ProgressView("در انتظار پاسخ بانک؛ آن را در بخش «پاسخ بانک» بالای همین صفحه بچسبانید")
            }
            if let result = model.result {
                Text(result.messageFa)
                SmsFigures(reply: result.reply)
                Text("پیامک ارسالی: \(persianDigits(text: String(result.smsSent)))، دریافتی: \(persianDigits(text: String(result.smsReceived)))")
                    .font(.caption)
            }
            if let problem = model.steps.problem { ProblemView(problem) }
        }
    }
}

/// The figures of a reply: balances, the last five entries (newest first), a receipt's numbers.
private struct SmsFigures: View {
    let reply: SmsReply

    var body: some View {
        switch reply {
        case let .balance(balanceRials, availableRials):
            Row(label: "موجودی", value: signedAmountText(rials: balanceRials).rialsFa)
            Row(label: "قابل برداشت", value: amountText(rials: availableRials).rialsFa)
        case let .statement(balanceRials, entries):
            Row(label: "موجودی", value: signedAmountText(rials: balanceRials).rialsFa)
            ForEach(Array(entries.enumerated()), id: \.offset) { _, entry in
                Row(
                    label: persianDigits(text: entry.postedAtJalali),
                    value: signedAmountText(rials: entry.amountRials).rialsFa)
            }
        case let .transfer(_, amountRials, feeRials, trace, reference):
            Row(label: "مبلغ", value: amountText(rials: amountRials).rialsFa)
            Row(label: "کارمزد", value: amountText(rials: feeRials).rialsFa)
            Row(label: "شماره پیگیری", value: persianDigits(text: trace))
            Row(label: "شماره مرجع", value: persianDigits(text: reference))
        case let .bill(amountRials, trace):
            Row(label: "مبلغ", value: amountText(rials: amountRials).rialsFa)
            Row(label: "شماره پیگیری", value: persianDigits(text: trace))
        case .refused, .blocked, .pinSent, .pending, .notFound:
            EmptyView()
        }
    }
}
#endif
