/// The sandbox's demo seed (`GET /admin/seed`), the parts the journeys need.
struct DemoSeed: Decodable {
    struct Customer: Decodable {
        let username: String?
        let password: String?
        let activated: Bool
        let nationalId: String
        let mobile: String
        let birthDate: String
        let accounts: [Account]
        let cards: [Card]
    }

    struct Account: Decodable {
        let accountId: String
        let sheba: String
        let balanceRials: Int64
    }

    struct Card: Decodable {
        let cardId: String?
        let pan: String
        let cvv2: String
        let expiry: String
        let creditable: Bool?
        let bankId: String?
        /// The seeded static second PIN (the demo customers' own cards only).
        let secondPin: String?
    }

    struct Bill: Decodable {
        let billId: String
        let paymentId: String
        let amountRials: UInt64
        let paid: Bool
    }

    let customers: [Customer]
    let otherBankCards: [Card]
    let otherBankShebas: [String]
    let bills: [Bill]

    enum CodingKeys: String, CodingKey {
        case customers, bills
        case otherBankCards = "other_bank_cards"
        case otherBankShebas = "other_bank_shebas"
    }

    /// The activated customer `username`.
    func customer(_ username: String) -> Customer? {
        customers.first { $0.username == username }
    }

    /// The first customer not yet activated.
    var notActivated: Customer? {
        customers.first { !$0.activated }
    }
}

extension DemoSeed.Customer {
    enum CodingKeys: String, CodingKey {
        case username, password, activated, mobile, accounts, cards
        case nationalId = "national_id"
        case birthDate = "birth_date"
    }
}

extension DemoSeed.Account {
    enum CodingKeys: String, CodingKey {
        case sheba
        case accountId = "account_id"
        case balanceRials = "balance_rials"
    }
}

extension DemoSeed.Card {
    enum CodingKeys: String, CodingKey {
        case pan, cvv2, expiry, creditable
        case cardId = "card_id"
        case bankId = "bank_id"
        case secondPin = "second_pin"
    }
}

extension DemoSeed.Bill {
    enum CodingKeys: String, CodingKey {
        case paid
        case billId = "bill_id"
        case paymentId = "payment_id"
        case amountRials = "amount_rials"
    }
}
