#if canImport(SwiftUI) && canImport(CoreLocation)
import CoreLocation
import Hamrah
import SwiftUI

/// The bank's information: text only (also the light mode's screens). Every word and number comes
/// from the core in Persian; `light` reads the phone's copy with no request.
struct RatesView: View {
    let info: InfoClient
    var light = false
    @State private var board: ExchangeRateBoard?
    @State private var error: HamrahError?

    var body: some View {
        List {
            if let board {
                Row(label: "زمان اعلام نرخ", value: "\(board.quotedAtFa) (\(board.ageFa))")
                if board.stale { Text("این نرخ‌ها ممکن است به‌روز نباشند.").foregroundStyle(.orange) }
                if let problem = board.error { ProblemView(problem) }
                Section("خرید / فروش (ریال)") {
                    ForEach(board.rates, id: \.currency) { rate in
                        Row(label: rate.nameFa, value: "\(rate.buyFa) / \(rate.sellFa)")
                    }
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("نرخ ارز")
        .refreshable { await load(offlineOnly: false) }
        .task { await load(offlineOnly: light) }
    }

    private func load(offlineOnly: Bool) async {
        do {
            board = try await info.exchangeRates(offlineOnly: offlineOnly)
            error = nil
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }
}

/// Branch search: by city, name or code as typed, or nearest to where the phone is; searches never
/// call the bank.
struct BranchesView: View {
    let info: InfoClient
    var light = false
    @State private var directory: BranchDirectoryInfo?
    @State private var query = ""
    @State private var found: [Branch] = []
    @State private var error: HamrahError?
    private let location = CLLocationManager()

    var body: some View {
        List {
            if let directory {
                Row(label: "شعبه‌ها", value: "\(persianDigits(text: String(directory.count))) — \(directory.ageFa)")
                if let problem = directory.error { ProblemView(problem) }
            }
            TextField("شهر، نام یا کد شعبه", text: $query)
                .onChange(of: query) { _, text in found = info.searchBranches(query: text, limit: 30) }
            Button("نزدیک‌ترین شعبه‌ها") { nearest() }.disabled(directory == nil)
            ForEach(found, id: \.code) { branch in
                VStack(alignment: .leading) {
                    Text(branch.nameFa).bold()
                    Text([branch.distanceFa, branch.cityFa].compactMap { $0 }.joined(separator: " — "))
                    Text(branch.addressFa)
                    Text("کد \(branch.codeFa) — \(branch.phoneFa)")
                    Text(branch.hoursFa).font(.caption)
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("جستجوی شعبه")
        .task { await load() }
    }

    private func load() async {
        location.requestWhenInUseAuthorization()
        do {
            directory = try await info.loadBranches(offlineOnly: light)
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }

    private func nearest() {
        guard let here = location.location?.coordinate else { return }
        do {
            found = try info.nearestBranches(latitude: here.latitude, longitude: here.longitude, limit: 10)
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }
}

/// Deposit products (account types) and their rates.
struct DepositProductsView: View {
    let info: InfoClient
    var light = false
    @State private var list: DepositProductList?
    @State private var error: HamrahError?

    var body: some View {
        List {
            if let problem = list?.error { ProblemView(problem) }
            ForEach(list?.products ?? [], id: \.productId) { product in
                VStack(alignment: .leading) {
                    Text(product.nameFa).bold()
                    Text("\(product.rateFa) — \(product.termFa) — \(product.kindFa)")
                    Text("سود: \(product.interestPaidFa)؛ حداقل \(product.minimumBalanceFa)")
                    Text(product.descriptionFa).font(.caption)
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("انواع سپرده و سود")
        .task {
            do {
                list = try await info.depositProducts(offlineOnly: light)
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
    }
}
#endif
