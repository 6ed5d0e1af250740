// The Kotlin library as an Android library (AAR): the generated UniFFI
// bindings (target/kotlin/generated, never committed), the hand-written layer
// (src/main/kotlin) and the Rust library per ABI (build/rustJniLibs, from
// scripts/android-build.sh). On the desktop the same sources are compiled
// with kotlinc by scripts/kotlin-test.sh instead.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "ir.hamrah.kotlin"
    compileSdk = 35
    ndkVersion = "27.2.12479018"

    defaultConfig {
        minSdk = 28
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].apply {
        kotlin.srcDirs("src/main/kotlin", "../../target/kotlin/generated")
        jniLibs.srcDirs("build/rustJniLibs")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    // JNI libraries are stored uncompressed and 16 KB aligned (Android 15+ devices with 16 KB pages).
    packaging { jniLibs { useLegacyPackaging = false } }
}

kotlin { jvmToolchain(17) }

dependencies {
    // JNA as an AAR: it carries libjnidispatch.so for every Android ABI.
    api("net.java.dev.jna:jna:5.15.0@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.9.0")
}
