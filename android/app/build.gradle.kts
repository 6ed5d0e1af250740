plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "ir.hamrah.app"
    compileSdk = 35

    defaultConfig {
        applicationId = "ir.hamrah.app"
        minSdk = 28
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        // The bank the app talks to, and its key pins (no other key is trusted).
        buildConfigField("String", "BANK_URL", "\"https://mobile.bank.example\"")
        buildConfigField("String", "BANK_PINS", "\"sha256/REPLACE_WITH_THE_BANKS_SPKI_PIN=\"")
        buildConfigField("String", "BANK_SMS_NUMBER", "\"+98300000000\"")
    }

    // The app speaks Persian (texts from the core come in Persian and English; the app shows Persian).
    androidResources { localeFilters += listOf("fa") }

    buildFeatures {
        compose = true
        buildConfig = true
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    implementation(project(":hamrah-kotlin"))
    implementation(platform("androidx.compose:compose-bom:2024.12.01"))
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.activity:activity-compose:1.9.3")
    implementation("androidx.core:core-ktx:1.15.0")
    implementation("androidx.lifecycle:lifecycle-runtime-compose:2.8.7")
    implementation("androidx.biometric:biometric:1.1.0")
    implementation("androidx.fragment:fragment-ktx:1.8.5")
}
