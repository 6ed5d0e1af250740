// Hamrah for Android: the Compose app and the Kotlin library over the Rust core.
// Built on a workstation with the Android SDK and NDK; see README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "hamrah-android"
include(":hamrah-kotlin", ":app")
